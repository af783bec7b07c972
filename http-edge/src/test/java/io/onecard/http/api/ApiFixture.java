package io.onecard.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onecard.core.OneCardCore;
import io.onecard.core.testing.TestConfigs;
import io.onecard.http.CoreAccess;
import io.onecard.http.HttpEdgeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A real core in a temporary directory, a real settlement server on an ephemeral loopback port, and a real
 * HTTP client, for the tests of this package.
 */
final class ApiFixture implements AutoCloseable {
    static final String ADMIN_KEY = "admin-key-0123456789abcdef";
    static final String GATEWAY_KEY = "gateway-key-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    final OneCardCore core;
    final PrometheusMeterRegistry registry;
    final SettlementServer server;
    final int port;
    final HttpClient client;
    final String scheme;

    private ApiFixture(OneCardCore core, SettlementServer server, PrometheusMeterRegistry registry, int port,
                       HttpClient client, String scheme) {
        this.core = core;
        this.server = server;
        this.registry = registry;
        this.port = port;
        this.client = client;
        this.scheme = scheme;
    }

    static ApiFixture start(Path dataDir) {
        return start(dataDir, UnaryOperator.identity(), UnaryOperator.identity());
    }

    static ApiFixture start(Path dataDir, UnaryOperator<HttpEdgeConfig> settings) {
        return start(dataDir, settings, UnaryOperator.identity());
    }

    /** Starts with adjusted settings and, optionally, the core's access adjusted (a wrapped sink, say). */
    static ApiFixture start(Path dataDir, UnaryOperator<HttpEdgeConfig> settings, UnaryOperator<CoreAccess> access) {
        OneCardCore core = OneCardCore.open(TestConfigs.small(dataDir));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpEdgeConfig defaults = HttpEdgeConfig.defaults(ADMIN_KEY, GATEWAY_KEY).withBind("127.0.0.1", 0);
        HttpEdgeConfig config = settings.apply(defaults);
        SettlementServer server = new SettlementServer(config, access.apply(CoreAccess.of(core)), registry);
        int port = server.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        return new ApiFixture(core, server, registry, port, client, "http");
    }

    /** Uses another client (for example one that trusts a test certificate) and scheme. */
    ApiFixture withClient(HttpClient other, String otherScheme) {
        return new ApiFixture(core, server, registry, port, other, otherScheme);
    }

    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    HttpResponse<String> getWithPin(String path, String key, String pin) {
        return send(request(path, key).header("X-Card-Pin", pin).GET().build());
    }

    /** A POST with a fresh idempotency key. */
    HttpResponse<String> post(String path, String key, String body) {
        return post(path, key, UUID.randomUUID().toString(), body);
    }

    HttpResponse<String> post(String path, String key, String idempotencyKey, String body) {
        HttpRequest.Builder builder = request(path, key).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder.build());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    static String errorCode(HttpResponse<String> response) {
        return json(response).path("error").path("code").asText();
    }

    /** Issues a card with the given PIN and balance in EUR; returns its number. */
    String issueCard(long amount, String pin) {
        HttpResponse<String> response = post("/v1/cards", ADMIN_KEY,
            "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"pin\":\"" + pin + "\"}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("issue failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("card_number").asText();
    }

    /** The card as the admin sees it. */
    JsonNode card(String cardNumber) {
        HttpResponse<String> response = get("/v1/cards/" + cardNumber, ADMIN_KEY);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("card query failed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    long balance(String cardNumber) {
        return card(cardNumber).get("balance").asLong();
    }

    @Override
    public void close() {
        server.close();
        core.close();
        registry.close();
    }
}
