package io.onecard.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.ledger.CardRecord;
import io.onecard.core.ledger.LedgerState;
import io.onecard.ops.config.ConfigLoader;
import io.onecard.ops.ledger.IssuedCard;
import io.onecard.ops.serve.OneCardServer;
import io.onecard.ops.serve.ServerEndpoint;
import io.onecard.ops.testing.Cli;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onecard audit} while a server holds the data directory: the server audits its live ledger
 * ({@code POST /v1/admin/audit}) while it keeps settling, and a card store changed behind the ledger is
 * reported (masked) with exit code 1.
 */
class LiveAuditCommandTest {
    private static final String ADMIN_KEY = "admin-key-for-the-live-audit-0123";
    private static final String GATEWAY_KEY = "gateway-key-for-the-live-audit-01";
    private static final int LOAD_THREADS = 3;

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(Cli.smallLedger(dir.resolve("data")));
        environment.put("ONECARD_ADMIN_KEY", ADMIN_KEY);
        environment.put("ONECARD_GATEWAY_KEY", GATEWAY_KEY);
        return environment;
    }

    private Cli cli() {
        return Cli.on(dir.resolve("data")).with("ONECARD_ADMIN_KEY", ADMIN_KEY);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldAuditTheRunningLedgerCleanUnderConcurrentLoad() throws Exception {
        try (OneCardServer server = OneCardServer.start(ConfigLoader.load(null, environment()))) {
            String api = ServerEndpoint.read(dir.resolve("data")).orElseThrow().toString();
            AtomicBoolean running = new AtomicBoolean(true);
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < LOAD_THREADS; t++) {
                String prefix = "load-" + t + "-";
                Thread worker = new Thread(() -> {
                    for (int i = 0; running.get(); i++) {
                        int status = spend(api, server.demoCards(), prefix + i);
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                }, "load-" + t);
                worker.start();
                load.add(worker);
            }
            awaitAnswers(statuses, 50);

            Cli.Run first = cli().run("audit");
            awaitAnswers(statuses, total(statuses) + 50);
            Cli.Run second = cli().run("audit");

            running.set(false);
            for (Thread worker : load) {
                worker.join(TimeUnit.SECONDS.toMillis(60));
            }
            for (Cli.Run audit : List.of(first, second)) {
                assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(ExitCodes.OK);
                assertThat(audit.out()).contains("live audit by the server").contains("audit passed")
                    .containsPattern("journal commands replayed  [1-9][0-9]*");
            }
            assertThat(statuses.keySet()).as("every request settled while the audits ran: %s", statuses)
                .containsAnyOf(201).isSubsetOf(201, 402);
        }
        Cli.Run offline = cli().run("audit");
        assertThat(offline.exitCode()).as(offline.toString()).isEqualTo(ExitCodes.OK);
        assertThat(offline.out()).doesNotContain("live audit").contains("audit passed");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldReportACardStoreChangedBehindTheLedgerAndExitNonZero() throws Exception {
        IssuedCard card;
        try (OneCardServer server = OneCardServer.start(ConfigLoader.load(null, environment()))) {
            card = server.demoCards().get(1);
        }
        addToBalance(card.cardNumber(), 100);

        try (OneCardServer server = OneCardServer.start(ConfigLoader.load(null, environment()))) {
            String api = ServerEndpoint.read(dir.resolve("data")).orElseThrow().toString();
            Cli.Run audit = cli().run("audit");
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(api + "/v1/admin/audit"))
                .header("Authorization", "Bearer " + ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

            assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(audit.out()).contains("live audit by the server").contains("PROBLEM conservation")
                .contains("PROBLEM cards ").contains("audit FAILED").doesNotContain(Long.toString(card.cardNumber()));
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).contains("\"code\":\"audit_failed\"").contains("\"passed\":false");
        }
    }

    /** Changes a card's balance in the Chronicle Map directly, with no command and no journal entry. */
    private void addToBalance(long cardNumber, long amountMinor) throws ReflectiveOperationException {
        Path dataDir = dir.resolve("data");
        try (LedgerState state = LedgerState.open(dataDir, Cli.smallConfig(dataDir).core())) {
            CardRecord record = new CardRecord();
            assertThat(state.cards().read(cardNumber, record)).isTrue();
            Field balance = CardRecord.class.getDeclaredField("balance");
            balance.setAccessible(true);
            balance.setLong(record, record.balance() + amountMinor);
            state.stores().state().beginUndo(state.lastAppliedIndex());
            state.cards().write(cardNumber, record);
        }
    }

    private int spend(String api, List<IssuedCard> cards, String key) {
        IssuedCard card = cards.get(ThreadLocalRandom.current().nextInt(cards.size()));
        boolean debit = ThreadLocalRandom.current().nextBoolean();
        String body = "{\"card_number\":\"" + card.cardNumber() + "\",\"pin\":\"" + card.pin() + "\",\"amount\":"
            + (1 + ThreadLocalRandom.current().nextInt(5)) + ",\"currency\":\"EUR\"}";
        try {
            return client.send(HttpRequest.newBuilder(URI.create(api + (debit ? "/v1/debits" : "/v1/authorizations")))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + GATEWAY_KEY)
                .header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -2;
        }
    }

    private static int total(Map<Integer, AtomicInteger> statuses) {
        return statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static void awaitAnswers(Map<Integer, AtomicInteger> statuses, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (total(statuses) < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(total(statuses)).as("answers so far: %s", statuses).isGreaterThanOrEqualTo(count);
    }
}
