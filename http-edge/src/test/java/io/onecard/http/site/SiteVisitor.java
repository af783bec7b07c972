package io.onecard.http.site;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One buyer's browser session on the site, over plain HTTP: the session cookie and CSRF token, and the steps
 * the tests repeat (an order, the sandbox payment, waiting on an order's page, reading the outbox).
 */
final class SiteVisitor {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern ORDER = Pattern.compile("name=\"order\" value=\"([^\"]+)\"");
    private static final Pattern CARD_NUMBER = Pattern.compile("Card number: (\\d{4} \\d{4} \\d{4} \\d{4})");
    private static final long WAIT_MILLIS = 15_000;

    private final SiteFixture site;
    private final String cookie;
    private final String token;

    private SiteVisitor(SiteFixture site, String cookie, String token) {
        this.site = site;
        this.cookie = cookie;
        this.token = token;
    }

    /** Opens the order form, which starts a session. */
    static SiteVisitor open(SiteFixture site) {
        HttpResponse<String> page = site.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).isTrue();
        return new SiteVisitor(site, cookie, token.group(1));
    }

    /** Posts a form of this session, with its CSRF token. */
    HttpResponse<String> post(String path, String fields) {
        return site.postForm(path, cookie, "csrf=" + token + "&" + fields);
    }

    /** Orders a card for the buyer at {@code email}; the answer is the payment step. */
    HttpResponse<String> buyForMe(String value, String currency, String email) {
        return post("/buy", "value=" + value + "&currency=" + currency + "&email=" + encode(email));
    }

    /** Orders a gift card; the answer is the payment step. */
    HttpResponse<String> buyGift(String value, String email, String recipientEmail, String message) {
        return post("/buy", "value=" + value + "&currency=EUR&email=" + encode(email)
            + "&recipient=gift&recipientEmail=" + encode(recipientEmail) + "&message=" + encode(message));
    }

    /** Pays the order of a sandbox payment form with the given test card; the answer is the result page. */
    HttpResponse<String> payOnSandbox(HttpResponse<String> payForm, String card) {
        assertThat(payForm.statusCode()).as(payForm.body()).isEqualTo(200);
        Matcher order = ORDER.matcher(payForm.body());
        assertThat(order.find()).isTrue();
        return post("/pay", "order=" + order.group(1) + "&card=" + card);
    }

    /** The order id of a hosted-checkout payment step: a 303 to the provider's page. */
    static String orderAtProvider(HttpResponse<String> paymentStep) {
        assertThat(paymentStep.statusCode()).as(paymentStep.body()).isEqualTo(303);
        String location = paymentStep.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CheckoutProvider.CHECKOUT_URL + "&");
        return query(location).get("order_id");
    }

    /** The query parameters of a URL, decoded. */
    static Map<String, String> query(String url) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** Loads an order's page until it shows {@code text}; fails after {@value #WAIT_MILLIS} ms. */
    static String waitForOrderPage(SiteFixture site, String orderId, String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        String body = "";
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> page = site.get(CardSite.ORDER_PATH + orderId);
            body = page.body();
            if (page.statusCode() == 200 && body.contains(text)) {
                return body;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the order page never showed '" + text + "'; last: " + body);
    }

    /** Waits until the data directory's outbox holds {@code count} messages, and returns all it holds. */
    static List<MimeMessage> waitForOutbox(Path dataDir, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        List<MimeMessage> messages = outbox(dataDir);
        while (messages.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            messages = outbox(dataDir);
        }
        return messages;
    }

    /** Every message in the outbox, oldest first. */
    static List<MimeMessage> outbox(Path dataDir) {
        Path outbox = dataDir.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        List<MimeMessage> messages = new ArrayList<>();
        Session session = Session.getInstance(new Properties());
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    messages.add(new MimeMessage(session, in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return messages;
    }

    /** The plain-text part of a site message. */
    static String text(MimeMessage message) {
        try {
            Multipart parts = (Multipart) message.getContent();
            return (String) parts.getBodyPart(0).getContent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The recipient of a site message. */
    static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The messages to one address. */
    static List<MimeMessage> to(List<MimeMessage> messages, String address) {
        Predicate<MimeMessage> addressed = message -> to(message).equals(address);
        return messages.stream().filter(addressed).toList();
    }

    /** The card number a card or gift e-mail carries, digits only. */
    static long cardNumberIn(MimeMessage message) {
        Matcher number = CARD_NUMBER.matcher(text(message));
        assertThat(number.find()).as(text(message)).isTrue();
        return Long.parseLong(number.group(1).replace(" ", ""));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
