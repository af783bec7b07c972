package io.onecard.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onecard.core.OneCardCore;
import io.onecard.core.journal.Conservation;
import io.onecard.core.journal.LiveAuditReport;
import io.onecard.core.testing.TestConfigs;
import io.onecard.http.CoreAccess;
import io.onecard.http.HttpEdgeConfig;
import io.onecard.http.LiveAuditor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/admin/audit}: admin only, one audit at a time (a second is refused with 409 while the first
 * runs), 200 with the report of a clean ledger, 500 {@code audit_failed} with a bounded list of differences.
 */
class LiveAuditRouteTest {
    private static final String ADMIN_KEY = "admin-key-0123456789abcdef";
    private static final String GATEWAY_KEY = "gateway-key-0123456789abcdef";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldAuditTheLiveLedgerForTheAdminOnly() throws Exception {
        try (OneCardCore core = OneCardCore.open(TestConfigs.small(dir.resolve("data")));
             SettlementServer server = server(core, LiveAuditor.of(core))) {
            String api = "http://127.0.0.1:" + server.start();
            HttpResponse<String> issued = send(HttpRequest.newBuilder(URI.create(api + "/v1/cards"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Idempotency-Key", "issue-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":700,\"currency\":\"EUR\"}")));
            assertThat(issued.statusCode()).isEqualTo(201);

            HttpResponse<String> byGateway = audit(api, GATEWAY_KEY);
            HttpResponse<String> withoutKey = audit(api, null);
            HttpResponse<String> byAdmin = audit(api, ADMIN_KEY);

            assertThat(byGateway.statusCode()).isEqualTo(403);
            assertThat(withoutKey.statusCode()).isEqualTo(401);
            assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
            JsonNode report = ApiFixture.json(byAdmin);
            assertThat(report.path("passed").asBoolean()).isTrue();
            assertThat(report.path("cards").asLong()).isEqualTo(1);
            // the issue, and any hold-expiry sweep the timer journaled meanwhile
            assertThat(report.path("commands_replayed").asLong()).isPositive();
            assertThat(report.path("conservation").path("balances").asLong()).isEqualTo(700);
            assertThat(report.path("conservation").path("expected_balances").asLong()).isEqualTo(700);
            assertThat(report.path("differences_found").asInt()).isZero();
            assertThat(report.path("differences")).isEmpty();
        }
        try (Stream<Path> left = Files.list(dir.resolve("data"))) {
            assertThat(left.map(path -> path.getFileName().toString()))
                .noneMatch(name -> name.startsWith(OneCardCore.LIVE_AUDIT_SCRATCH_PREFIX));
        }
    }

    @Test
    void shouldRefuseASecondAuditWhileOneRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (OneCardCore core = OneCardCore.open(TestConfigs.small(dir.resolve("data")));
             SettlementServer server = server(core, () -> {
                 started.countDown();
                 assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
                 return core.auditLive(60_000);
             })) {
            String api = "http://127.0.0.1:" + server.start();
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> audit(api, ADMIN_KEY));
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> second = audit(api, ADMIN_KEY);
            release.countDown();

            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(ApiFixture.errorCode(second)).isEqualTo("audit_running");
            assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(audit(api, ADMIN_KEY).statusCode()).as("free again").isEqualTo(200);
        }
    }

    @Test
    void shouldAnswerAFailedAuditWith500AndABoundedListOfDifferences() throws Exception {
        List<String> differences = IntStream.range(0, 150).mapToObj(i -> "cards " + i + ": differs").toList();
        Conservation figures = new Conservation(10, 0, 10, 0, 0, 0, 0, 0, 0, List.of());
        LiveAuditReport failed = new LiveAuditReport(42, 7, 1, 3, 9, 2, figures, differences);
        try (OneCardCore core = OneCardCore.open(TestConfigs.small(dir.resolve("data")));
             SettlementServer server = server(core, () -> failed)) {
            String api = "http://127.0.0.1:" + server.start();

            HttpResponse<String> answer = audit(api, ADMIN_KEY);

            assertThat(answer.statusCode()).isEqualTo(500);
            JsonNode report = ApiFixture.json(answer);
            assertThat(report.path("error").path("code").asText()).isEqualTo("audit_failed");
            assertThat(report.path("passed").asBoolean()).isFalse();
            assertThat(report.path("journal_index").asLong()).isEqualTo(42);
            assertThat(report.path("differences_found").asInt()).isEqualTo(150);
            assertThat(report.path("differences")).hasSize(AuditDesk.MAX_LISTED_DIFFERENCES);
            assertThat(report.path("differences").get(0).asText()).isEqualTo("cards 0: differs");
        }
    }

    private static SettlementServer server(OneCardCore core, LiveAuditor auditor) {
        HttpEdgeConfig config = HttpEdgeConfig.defaults(ADMIN_KEY, GATEWAY_KEY).withBind("127.0.0.1", 0);
        return new SettlementServer(config, CoreAccess.of(core), new SimpleMeterRegistry(), null, auditor);
    }

    private HttpResponse<String> audit(String api, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + "/v1/admin/audit"))
            .POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
