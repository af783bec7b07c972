package io.onecard.ops.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.ops.config.ConfigLoader;
import io.onecard.ops.testing.Cli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP limits of the configuration reach the running server: a body limit of 1 KiB refuses a 2 KiB
 * body with 413 before anything is published, and still lets a body under the limit through.
 */
class HttpLimitsTest {
    private static final String GATEWAY_KEY = "gateway-key-for-the-limit-test-01";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseABodyOverTheConfiguredLimit() throws Exception {
        Map<String, String> environment = new HashMap<>(Cli.smallLedger(dir.resolve("data")));
        environment.put("ONECARD_HTTP_MAX_BODY_BYTES", "1024");
        environment.put("ONECARD_GATEWAY_KEY", GATEWAY_KEY);
        environment.put("ONECARD_DEMO_CARDS", "0");
        try (OneCardServer server = OneCardServer.start(ConfigLoader.load(null, environment))) {
            String api = server.listening().get(ServerPartNames.HTTP);

            HttpResponse<String> large = debit(api, 2048);
            HttpResponse<String> small = debit(api, 900);

            assertThat(large.statusCode()).as(large.body()).isEqualTo(413);
            assertThat(large.body()).contains("payload_too_large").contains("1024");
            assertThat(small.statusCode()).as("under the limit the body is read and judged").isEqualTo(400);
            assertThat(small.body()).contains("invalid_request");
        }
        Cli.Run config = Cli.on(dir.resolve("data")).with("ONECARD_HTTP_MAX_BODY_BYTES", "1024").run("config");
        assertThat(config.out()).contains("http.max.body.bytes = 1024 (environment)")
            .contains("http.read.timeout = 10s (default)");
    }

    private static HttpResponse<String> debit(String api, int bodyBytes) throws Exception {
        String head = "{\"card_number\":\"9000000000000000\",\"pin\":\"1234\",\"amount\":1,\"currency\":\"EUR\","
            + "\"description\":\"";
        String body = head + "x".repeat(bodyBytes - head.length() - 2) + "\"}";
        assertThat(body).hasSize(bodyBytes);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/v1/debits"))
            .header("Authorization", "Bearer " + GATEWAY_KEY).header("Idempotency-Key", "limit-" + bodyBytes)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
