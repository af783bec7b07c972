package io.onecard.http.api;

import static io.onecard.http.api.ApiFixture.ADMIN_KEY;
import static io.onecard.http.api.ApiFixture.GATEWAY_KEY;
import static io.onecard.http.api.ApiFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets the right error and changes nothing. */
class MalformedInputTest {
    private static final int READ_TIMEOUT_MILLIS = 800;

    @TempDir
    static Path dataDir;

    private static ApiFixture api;
    private static String card;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(dataDir,
            config -> config.withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(READ_TIMEOUT_MILLIS)));
        card = api.issueCard(1000, "1234");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void shouldRefuseMalformedJsonBodiesWith400AndChangeNothing() {
        String cardField = "\"card_number\":\"" + card + "\",\"pin\":\"1234\",\"currency\":\"EUR\"";
        List<String> bodies = List.of(
            "{\"card_number\":",
            "not json",
            "[1,2]",
            "{" + cardField + ",\"amount\":10}{}",
            "{" + cardField + ",\"amount\":10,\"amount\":20}",
            "{" + cardField + ",\"amount\":10,\"tip\":5}",
            "{" + cardField + ",\"amount\":12.5}",
            "{" + cardField + ",\"amount\":1e3}",
            "{" + cardField + ",\"amount\":\"10\"}",
            "{" + cardField + ",\"amount\":{\"value\":10}}",
            "{" + cardField + ",\"amount\":9223372036854775808}",
            "{" + cardField + ",\"amount\":" + "9".repeat(10_000) + "}",
            "{" + cardField + ",\"amount\":0}",
            "{" + cardField + ",\"amount\":-5}",
            "{" + cardField + ",\"amount\":1000000000001}",
            "{" + cardField + "}",
            "{\"card_number\":\"" + card + "\",\"pin\":\"1234\",\"currency\":\"eur\",\"amount\":10}",
            "{\"card_number\":\"" + card + "\",\"pin\":\"12\",\"currency\":\"EUR\",\"amount\":10}",
            "{\"card_number\":\"" + card + "\",\"pin\":1234,\"currency\":\"EUR\",\"amount\":10}",
            "{\"card_number\":\"4000-0000-0000-0002\",\"pin\":\"1234\",\"currency\":\"EUR\",\"amount\":10}",
            "{\"card_number\":\"40000000000000a2\",\"pin\":\"1234\",\"currency\":\"EUR\",\"amount\":10}",
            "{\"card_number\":" + card + ",\"pin\":\"1234\",\"currency\":\"EUR\",\"amount\":10}",
            "{" + cardField + ",\"amount\":10,\"description\":\"" + "d".repeat(129) + "\"}",
            "{" + cardField + ",\"amount\":10,\"description\":\"line\\nbreak\"}",
            "");

        for (String body : bodies) {
            HttpResponse<String> response = api.post("/v1/debits", GATEWAY_KEY, body);
            assertThat(response.statusCode()).as(abbreviate(body)).isEqualTo(400);
            assertThat(errorCode(response)).isEqualTo("invalid_request");
        }
        assertUntouched();
    }

    @Test
    void shouldRefuseInvalidUtf8With400() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] head = ("{\"card_number\":\"" + card + "\",\"pin\":\"1234\",\"currency\":\"EUR\",\"amount\":10,"
            + "\"description\":\"").getBytes(StandardCharsets.US_ASCII);
        body.writeBytes(head);
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        body.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> response = api.send(api.request("/v1/debits", GATEWAY_KEY)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertUntouched();
    }

    @Test
    void shouldRefuseNonDigitCardNumbersInPaths() {
        for (String number : List.of("400000000000000a", "4000000000000002x", "%34000000000000002", "-1")) {
            HttpResponse<String> response = api.post("/v1/cards/" + number + "/recharges", ADMIN_KEY,
                "{\"amount\":10,\"currency\":\"EUR\"}");
            assertThat(response.statusCode()).as(number).isEqualTo(400);
        }
        assertUntouched();
    }

    @Test
    void shouldRefuseOneMebibyteBodyWith413BeforeReadingIt() throws IOException {
        try (RawHttp raw = new RawHttp(api.port, 5_000)) {
            raw.send("POST /v1/debits HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + GATEWAY_KEY
                + "\r\nIdempotency-Key: big-1\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n");

            byte[] response = raw.readResponse();

            assertThat(RawHttp.status(response)).isEqualTo(413);
            assertThat(RawHttp.body(response)).contains("payload_too_large");
            assertThat(raw.isClosedByServer()).isTrue();
        }
        assertUntouched();
    }

    @Test
    void shouldRefuseChunkedBodyOverTheLimitWith413() throws IOException {
        String chunk = "{\"description\":\"" + "x".repeat(20_000) + "\"}";
        try (RawHttp raw = new RawHttp(api.port, 5_000)) {
            raw.send("POST /v1/debits HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + GATEWAY_KEY
                + "\r\nIdempotency-Key: big-2\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");

            byte[] response = raw.readResponse();

            assertThat(RawHttp.status(response)).isEqualTo(413);
        }
        assertUntouched();
    }

    @Test
    void shouldAnswerSlowPartialRequestWith408AndClose() throws IOException, InterruptedException {
        try (RawHttp raw = new RawHttp(api.port, 5_000)) {
            long started = System.nanoTime();
            raw.send("POST /v1/debits HTTP/1.1\r\nHost: x\r\n");
            for (int i = 0; i < 3; i++) {
                Thread.sleep(READ_TIMEOUT_MILLIS / 4);
                raw.send("X-Slow-" + i + ": y\r\n");
            }

            byte[] response = raw.readResponse();

            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(RawHttp.status(response)).isEqualTo(408);
            assertThat(elapsedMillis).isBetween((long) READ_TIMEOUT_MILLIS - 50, 5_000L);
            assertThat(raw.isClosedByServer()).isTrue();
        }
        assertUntouched();
    }

    @Test
    void shouldRefuseOverlongRequestLineAndHeaders() throws IOException {
        try (RawHttp raw = new RawHttp(api.port, 5_000)) {
            raw.send("GET /v1/cards/" + "1".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawHttp.status(raw.readResponse())).isEqualTo(414);
        }
        try (RawHttp raw = new RawHttp(api.port, 5_000)) {
            raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(9_000) + "\r\n\r\n");
            assertThat(RawHttp.status(raw.readResponse())).isEqualTo(431);
        }
        try (RawHttp raw = new RawHttp(api.port, 5_000)) {
            raw.send("GET /v1/cards/" + card + "/transactions?limit=%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + ADMIN_KEY + "\r\n\r\n");
            byte[] response = raw.readResponse();
            assertThat(RawHttp.status(response)).isEqualTo(400);
            assertThat(RawHttp.body(response)).contains("invalid_request");
        }
        try (RawHttp raw = new RawHttp(api.port, 5_000)) {
            raw.send("THIS IS NOT HTTP\r\n\r\n");
            assertThat(RawHttp.status(raw.readResponse())).isEqualTo(400);
        }
    }

    private static void assertUntouched() {
        var shown = api.card(card);
        assertThat(shown.get("balance").asLong()).isEqualTo(1000);
        assertThat(shown.get("held").asLong()).isZero();
        var history = ApiFixture.json(api.get("/v1/cards/" + card + "/transactions", ADMIN_KEY)).get("items");
        assertThat(history).hasSize(1);
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
