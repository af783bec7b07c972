package io.onecard.http.api;

import static io.onecard.http.api.ApiFixture.ADMIN_KEY;
import static io.onecard.http.api.ApiFixture.GATEWAY_KEY;
import static io.onecard.http.api.ApiFixture.errorCode;
import static io.onecard.http.api.SettlementApiTest.spendBody;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.onecard.http.CoreAccess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Keep-alive, pipelining, connection and time limits, overload, readiness and the access log. */
class ConnectionTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldAnswerPipelinedRequestsInRequestOrder() throws IOException {
        try (ApiFixture api = ApiFixture.start(dataDir)) {
            String card = api.issueCard(1000, "1234");
            StringBuilder batch = new StringBuilder();
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                batch.append(RawHttp.request("POST", "/v1/debits", GATEWAY_KEY, "pipe-" + i,
                    spendBody(card, "1234", i)));
                expected.add(201);
                batch.append("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
                expected.add(404);
                batch.append("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                expected.add(200);
            }

            List<Integer> statuses = new ArrayList<>();
            List<Long> balances = new ArrayList<>();
            try (RawHttp raw = new RawHttp(api.port, 10_000)) {
                raw.send(batch.toString());
                for (int i = 0; i < expected.size(); i++) {
                    byte[] response = raw.readResponse();
                    statuses.add(RawHttp.status(response));
                    if (RawHttp.status(response) == 201) {
                        balances.add(ApiFixture.json(RawHttp.body(response)).get("balance").asLong());
                    }
                }
            }

            assertThat(statuses).isEqualTo(expected);
            assertThat(balances).containsExactly(999L, 997L, 994L, 990L, 985L, 979L);
        }
    }

    @Test
    void shouldStopReadingWhenTooManyRequestsAreInFlightAndResume() throws IOException {
        try (ApiFixture api = ApiFixture.start(dataDir, config -> config.withConnections(100, 2))) {
            String card = api.issueCard(1000, "1234");
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                batch.append(RawHttp.request("POST", "/v1/debits", GATEWAY_KEY, "flow-" + i,
                    spendBody(card, "1234", 1)));
            }

            try (RawHttp raw = new RawHttp(api.port, 10_000)) {
                raw.send(batch.toString());
                for (int i = 0; i < 20; i++) {
                    assertThat(RawHttp.status(raw.readResponse())).isEqualTo(201);
                }
            }

            assertThat(api.balance(card)).isEqualTo(980);
        }
    }

    @Test
    void shouldKeepConnectionOpenUntilClientAsksToClose() throws IOException {
        try (ApiFixture api = ApiFixture.start(dataDir); RawHttp raw = new RawHttp(api.port, 5_000)) {
            raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawHttp.status(raw.readResponse())).isEqualTo(200);
            raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawHttp.status(raw.readResponse())).isEqualTo(200);
            raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            byte[] last = raw.readResponse();

            assertThat(RawHttp.head(last)).containsIgnoringCase("connection: close");
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void shouldKeepHttp10ConnectionAliveWhenAsked() throws IOException {
        try (ApiFixture api = ApiFixture.start(dataDir); RawHttp raw = new RawHttp(api.port, 5_000)) {
            raw.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertThat(RawHttp.head(raw.readResponse())).containsIgnoringCase("connection: keep-alive");
            raw.send("GET /healthz HTTP/1.0\r\n\r\n");

            assertThat(RawHttp.status(raw.readResponse())).isEqualTo(200);
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void shouldCloseConnectionsBeyondTheLimit() throws Exception {
        try (ApiFixture api = ApiFixture.start(dataDir, config -> config.withConnections(2, 16));
             RawHttp first = new RawHttp(api.port, 5_000);
             RawHttp second = new RawHttp(api.port, 5_000)) {
            for (RawHttp raw : List.of(first, second)) {
                raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(RawHttp.status(raw.readResponse())).isEqualTo(200);
            }

            try (RawHttp third = new RawHttp(api.port, 5_000)) {
                assertThat(third.isClosedByServer()).isTrue();
            }
            first.close();
            awaitOpenConnections(api, 1);
            try (RawHttp fourth = new RawHttp(api.port, 5_000)) {
                fourth.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(RawHttp.status(fourth.readResponse())).isEqualTo(200);
            }
        }
    }

    @Test
    void shouldCloseIdleConnections() throws IOException {
        try (ApiFixture api = ApiFixture.start(dataDir,
                config -> config.withTimeouts(Duration.ofMillis(400), Duration.ofSeconds(5)));
             RawHttp raw = new RawHttp(api.port, 5_000)) {
            long started = System.nanoTime();
            raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawHttp.status(raw.readResponse())).isEqualTo(200);

            boolean closed = raw.isClosedByServer();

            assertThat(closed).isTrue();
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(300L, 4_000L);
        }
    }

    @Test
    void shouldAnswerOverloadedWithRetryAfterWhenRingIsFull() {
        AtomicBoolean full = new AtomicBoolean();
        try (ApiFixture api = ApiFixture.start(dataDir, config -> config,
                access -> access.withSink((writer, listener) -> !full.get()
                    && access.sink().tryPublish(writer, listener)))) {
            String card = api.issueCard(1000, "1234");
            full.set(true);

            HttpResponse<String> debit = api.post("/v1/debits", GATEWAY_KEY, spendBody(card, "1234", 10));
            HttpResponse<String> query = api.get("/v1/cards/" + card, ADMIN_KEY);
            full.set(false);

            assertThat(debit.statusCode()).isEqualTo(503);
            assertThat(errorCode(debit)).isEqualTo("overloaded");
            assertThat(debit.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(query.statusCode()).isEqualTo(503);
            assertThat(api.balance(card)).isEqualTo(1000);
            assertThat(api.get("/metrics", null).body()).contains("onecard_http_overloaded_total 2.0");
        }
    }

    @Test
    void shouldAnswer503FromHealthzUntilRecovered() {
        AtomicBoolean recovered = new AtomicBoolean();
        try (ApiFixture api = ApiFixture.start(dataDir, config -> config,
                access -> new CoreAccess(access.sink(), access.pinSecret(), recovered::get, access.ringCapacity(),
                    access.ringRemaining(), access.overloadedCount(), access.ownerEmails(),
                    access.settlementObserver(), access.cardNumbers()))) {
            HttpResponse<String> before = api.get("/healthz", null);
            HttpResponse<String> debit = api.post("/v1/debits", GATEWAY_KEY, spendBody("4000000000000002", "1234", 1));
            recovered.set(true);
            HttpResponse<String> after = api.get("/healthz", null);

            assertThat(before.statusCode()).isEqualTo(503);
            assertThat(before.headers().firstValue("Retry-After")).isPresent();
            assertThat(debit.statusCode()).isEqualTo(503);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void shouldLogOneLinePerRequestWithRouteTemplateMaskedCardAndNoPin() {
        Logger access = (Logger) LoggerFactory.getLogger("io.onecard.http.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        Level before = access.getLevel();
        access.setLevel(Level.INFO);
        try (ApiFixture api = ApiFixture.start(dataDir)) {
            String card = api.issueCard(1000, "937451");
            lines.list.clear();

            api.post("/v1/debits", GATEWAY_KEY, spendBody(card, "937451", 10));
            api.getWithPin("/v1/cards/" + card, GATEWAY_KEY, "937451");

            List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(messages).hasSize(2);
            assertThat(messages.get(0)).matches("POST /v1/debits 201 \\d+us card=\\d{6}\\*{6}\\d{4} client=127.0.0.1");
            assertThat(messages.get(1)).startsWith("GET /v1/cards/{card_number} 200 ");
            assertThat(String.join("\n", messages)).doesNotContain(card).doesNotContain("937451");
        } finally {
            access.setLevel(before);
            access.detachAppender(lines);
        }
    }

    private static void awaitOpenConnections(ApiFixture api, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (api.server.openConnections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(api.server.openConnections()).isEqualTo(expected);
    }
}
