package io.onecard.core.ring;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.OneCardCore;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.testing.LedgerClient;
import io.onecard.core.testing.TestConfigs;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full ring refuses at once instead of blocking, counts the refusal, and recovers when it drains. */
class RingBackPressureTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldRefuseAtOnceWhenTheRingIsFullAndAnswerEverythingAccepted() throws Exception {
        try (OneCardCore core = OneCardCore.open(TestConfigs.small(dataDir).withRingSize(64))) {
            long card = new LedgerClient(core.sink()).issue(1_000_000).cardNumber();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch stalled = new CountDownLatch(1);
            Thread staller = new Thread(() -> stallLedger(core, stalled, release));
            staller.start();
            assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();

            AtomicInteger answered = new AtomicInteger();
            int accepted = 0;
            long started = System.nanoTime();
            while (core.sink().tryPublish(c -> c.type(CommandType.RECHARGE).cardNumber(card).amountMinor(1)
                .currency(LedgerClient.EUR), c -> answered.incrementAndGet())) {
                accepted++;
                assertThat(accepted).isLessThanOrEqualTo(64);
            }
            long refusedAfterMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(core.overloadedCount()).isEqualTo(1);
            assertThat(core.ringRemaining()).isZero();
            assertThat(refusedAfterMillis).as("a full ring must not block").isLessThan(5_000);

            release.countDown();
            staller.join(10_000);
            long deadline = System.currentTimeMillis() + 10_000;
            while (answered.get() < accepted && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(answered.get()).isEqualTo(accepted);
            assertThat(new LedgerClient(core.sink()).query(card).balance()).isEqualTo(1_000_000 + accepted);
        }
    }

    private static void stallLedger(OneCardCore core, CountDownLatch stalled, CountDownLatch release) {
        try {
            core.runOnLedger(access -> {
                stalled.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 60_000);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
