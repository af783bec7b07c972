package io.onecard.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Credential;
import io.onecard.core.ring.Durability;
import io.onecard.core.testing.LedgerClient;
import io.onecard.core.testing.LedgerClient.Outcome;
import io.onecard.core.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneCardCoreTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldExpireAHoldByTheTimerAndRecordItInTheHistory() throws Exception {
        CoreConfig config = TestConfigs.small(dataDir).withExpiryInterval(Duration.ofMillis(50));
        try (OneCardCore core = OneCardCore.open(config)) {
            LedgerClient client = new LedgerClient(core.sink());
            long card = client.issue(1_000).cardNumber();
            Outcome hold = client.authorize(card, 600, 1, "h");
            assertThat(hold.available()).isEqualTo(400);
            long deadline = System.currentTimeMillis() + 10_000;
            while (client.query(card).held() != 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(client.query(card).available()).isEqualTo(1_000);
            assertThat(client.capture(hold.holdId(), -1, "c").code()).isEqualTo("INVALID_STATE");
            AtomicReference<String> newest = new AtomicReference<>();
            core.sink().tryPublish(c -> c.type(CommandType.QUERY_HISTORY).cardNumber(card),
                c -> newest.set(c.result().item(0).type().apiName() + " " + c.result().item(0).id()));
            deadline = System.currentTimeMillis() + 5_000;
            while (newest.get() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(newest.get()).isEqualTo("expire " + hold.holdId());
        }
    }

    @Test
    void shouldShowEveryAppliedCommandToTheObserverAfterItsListener() throws Exception {
        try (OneCardCore core = OneCardCore.open(TestConfigs.small(dataDir))) {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            core.observeSettlements(c -> seen.add(c.type() + " " + c.result().code() + " " + c.result().balance()));
            LedgerClient client = new LedgerClient(core.sink());
            Outcome issued = client.call(c -> c.type(CommandType.ISSUE_CARD).amountMinor(1_000)
                .currency(LedgerClient.EUR).pin(LedgerClient.PIN).ownerEmail("owner@example.org"));
            client.debit(issued.cardNumber(), 300, "d1");
            client.debit(issued.cardNumber(), 800, "d2");

            assertThat(core.ownerEmail(issued.cardNumber())).isEqualTo("owner@example.org");
            assertThat(poll(seen)).isEqualTo("ISSUE_CARD OK 1000");
            assertThat(poll(seen)).isEqualTo("DEBIT OK 700");
            assertThat(poll(seen)).startsWith("DEBIT INSUFFICIENT_FUNDS");
            core.observeSettlements(null);
            client.debit(issued.cardNumber(), 100, "d3");
            assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    private static String poll(BlockingQueue<String> seen) throws InterruptedException {
        String next = seen.poll(10, TimeUnit.SECONDS);
        assertThat(next).isNotNull();
        return next;
    }

    @Test
    void shouldSettleThroughTheRingAndKeepStateAcrossARestart() {
        long card;
        try (OneCardCore core = OneCardCore.open(CoreConfig.defaults(dataDir))) {
            LedgerClient client = new LedgerClient(core.sink());
            Outcome issued = client.issue(10_000);
            assertThat(issued.code()).isEqualTo("OK");
            card = issued.cardNumber();
            assertThat(client.debit(card, 2_500, "d1").balance()).isEqualTo(7_500);
            Outcome hold = client.authorize(card, 1_000, 60, "a1");
            assertThat(hold.available()).isEqualTo(6_500);
            assertThat(client.capture(hold.holdId(), 400, "c1").balance()).isEqualTo(7_100);
        }
        try (OneCardCore core = OneCardCore.open(CoreConfig.defaults(dataDir).withDurability(Durability.ASYNC))) {
            LedgerClient client = new LedgerClient(core.sink());
            Outcome after = client.query(card);
            assertThat(after.balance()).isEqualTo(7_100);
            assertThat(after.held()).isZero();
            Outcome replay = client.debit(card, 2_500, "d1");
            assertThat(replay.replayed()).isTrue();
            assertThat(replay.balance()).isEqualTo(7_500);
            assertThat(client.query(card).balance()).isEqualTo(7_100);
            Outcome history = client.call(c -> c.type(CommandType.QUERY_HISTORY).channel(Channel.WEB)
                .cardNumber(card).pin(LedgerClient.PIN).credential(Credential.PIN));
            assertThat(history.items()).isEqualTo(5);
        }
    }
}
