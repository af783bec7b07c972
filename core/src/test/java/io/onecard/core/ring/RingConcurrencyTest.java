package io.onecard.core.ring;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.OneCardCore;
import io.onecard.core.journal.AuditReport;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.testing.LedgerClient;
import io.onecard.core.testing.LedgerClient.Outcome;
import io.onecard.core.testing.TestConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phone-like callers (hold, extend, capture) and web debits hit the same few cards from several threads:
 * no card is ever overdrawn and every card's balance is exactly its issue minus what was charged.
 */
class RingConcurrencyTest {
    private static final int CARDS = 3;
    private static final long INITIAL = 200_000;
    private static final int THREADS = 6;
    private static final int OPERATIONS = 1_500;

    @TempDir
    Path dataDir;

    @Test
    void shouldNeverOverdrawAndKeepExactTotalsUnderConcurrentChannels() throws Exception {
        try (OneCardCore core = OneCardCore.open(TestConfigs.small(dataDir).withDurability(Durability.ASYNC))) {
            LedgerClient client = new LedgerClient(core.sink());
            long[] cards = new long[CARDS];
            for (int i = 0; i < CARDS; i++) {
                cards[i] = client.issue(INITIAL).cardNumber();
            }
            ConcurrentHashMap<Long, AtomicLong> charged = new ConcurrentHashMap<>();
            for (long card : cards) {
                charged.put(card, new AtomicLong());
            }
            List<Future<Long>> workers = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> run(client, cards, charged, thread)));
            }
            long minimumAvailable = Long.MAX_VALUE;
            for (Future<Long> worker : workers) {
                minimumAvailable = Math.min(minimumAvailable, worker.get());
            }
            pool.shutdown();

            assertThat(minimumAvailable).isGreaterThanOrEqualTo(0);
            for (long card : cards) {
                Outcome after = client.query(card);
                assertThat(after.held()).isZero();
                assertThat(after.balance()).isEqualTo(INITIAL - charged.get(card).get());
            }
            AuditReport audit = core.audit(dataDir.resolve("audit"), 60_000);
            assertThat(audit.problems()).isEmpty();
        }
    }

    private static long run(LedgerClient client, long[] cards, ConcurrentHashMap<Long, AtomicLong> charged,
                            int thread) {
        Random random = new Random(thread);
        long minimumAvailable = Long.MAX_VALUE;
        for (int i = 0; i < OPERATIONS; i++) {
            long card = cards[random.nextInt(CARDS)];
            String key = "t" + thread + "-" + i;
            if (thread % 2 == 0) {
                minimumAvailable = Math.min(minimumAvailable, call(client, card, key, random, charged));
            } else {
                Outcome debit = client.debit(card, 1 + random.nextInt(500), key);
                if (debit.code().equals("OK")) {
                    charged.get(card).addAndGet(debit.amount());
                }
                minimumAvailable = Math.min(minimumAvailable, debit.available());
            }
        }
        return minimumAvailable;
    }

    private static long call(LedgerClient client, long card, String key, Random random,
                             ConcurrentHashMap<Long, AtomicLong> charged) {
        Outcome hold = client.authorize(card, 300, 30, key + "-hold");
        if (!hold.code().equals("OK")) {
            return hold.code().equals("INSUFFICIENT_FUNDS") ? 0 : Long.MAX_VALUE;
        }
        long held = hold.amount();
        long minimumAvailable = hold.available();
        for (int step = 0; step < 3; step++) {
            int stepNumber = step;
            Outcome extended = client.call(c -> c.type(CommandType.EXTEND_HOLD).channel(Channel.PHONE)
                .holdId(hold.holdId()).amountMinor(300).holdSeconds(30).idempotencyKey(key + "-step" + stepNumber));
            if (!extended.code().equals("OK")) {
                break;
            }
            held = extended.amount();
            minimumAvailable = Math.min(minimumAvailable, extended.available());
        }
        long amount = 1 + random.nextInt((int) held);
        Outcome captured = client.capture(hold.holdId(), amount, key + "-capture");
        assertThat(captured.code()).isEqualTo("OK");
        charged.get(card).addAndGet(amount);
        return Math.min(minimumAvailable, captured.available());
    }
}
