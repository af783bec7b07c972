package io.onecard.ops.ledger;

import io.onecard.core.card.CardNumbers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Card operations through a running server's admin API (the settlement API of API.md, with the admin key):
 * used when a server holds the data directory, so that the CLI's commands go through the same ledger and
 * journal as every other request.
 */
public final class HttpCardAdmin implements CardAdmin {
    /** How long one request may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final String adminKey;
    private final HttpClient client;

    public HttpCardAdmin(URI endpoint, String adminKey) {
        this.endpoint = endpoint;
        this.adminKey = adminKey;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public IssuedCard issue(long amountMinor, String currency, String idempotencyKey) {
        String body = "{\"amount\":" + amountMinor + ",\"currency\":\"" + jsonSafe(currency) + "\"}";
        Map<String, String> card = send(request("/v1/cards").header("Idempotency-Key", idempotencyKey)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), 201);
        return new IssuedCard(cardNumber(card), card.get("pin"), card.get("currency"), number(card, "balance"));
    }

    @Override
    public CardView show(long cardNumber) {
        return view(send(request(cardPath(cardNumber)).GET(), 200));
    }

    @Override
    public CardView block(long cardNumber) {
        send(request(cardPath(cardNumber) + "/block").POST(HttpRequest.BodyPublishers.noBody()), 200);
        return show(cardNumber);
    }

    @Override
    public CardView unblock(long cardNumber) {
        send(request(cardPath(cardNumber) + "/unblock").POST(HttpRequest.BodyPublishers.noBody()), 200);
        return show(cardNumber);
    }

    private static String cardPath(long cardNumber) {
        return "/v1/cards/" + CardNumbers.format(cardNumber);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(endpoint.resolve(path)).timeout(TIMEOUT)
            .header("Authorization", "Bearer " + adminKey);
    }

    private Map<String, String> send(HttpRequest.Builder request, int expectedStatus) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the running server at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server", e);
        }
        Map<String, String> fields = FlatJson.parse(response.body());
        if (response.statusCode() != expectedStatus) {
            String code = fields.getOrDefault("error.code", "http_" + response.statusCode());
            throw new LedgerRefusedException(code, "the server answered " + response.statusCode() + " " + code
                + ": " + fields.getOrDefault("error.message", "(no message)"));
        }
        return fields;
    }

    private static CardView view(Map<String, String> card) {
        Optional<LocalDate> expiresOn = Optional.ofNullable(card.get("expires_on")).map(LocalDate::parse);
        return new CardView(cardNumber(card), card.get("status"), card.get("currency"), number(card, "balance"),
            number(card, "held"), number(card, "available"), expiresOn);
    }

    private static long cardNumber(Map<String, String> fields) {
        long number = CardNumbers.parse(fields.get("card_number"));
        if (number == CardNumbers.NONE) {
            throw new IllegalStateException("the server's answer has no valid card_number");
        }
        return number;
    }

    private static long number(Map<String, String> fields, String name) {
        String text = fields.get(name);
        if (text == null) {
            throw new IllegalStateException("the server's answer has no " + name);
        }
        return Long.parseLong(text);
    }

    private static String jsonSafe(String text) {
        return text.replaceAll("[^A-Za-z0-9]", "");
    }

    /** Nothing to release: the client's connections close when idle. */
    @Override
    public void close() {
        // the JDK client of Java 17 has nothing to close: idle connections time out by themselves
    }
}
