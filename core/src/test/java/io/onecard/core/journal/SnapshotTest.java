package io.onecard.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.CoreConfig;
import io.onecard.core.OneCardCore;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.Ledger;
import io.onecard.core.ledger.LedgerState;
import io.onecard.core.ring.Durability;
import io.onecard.core.testing.LedgerClient;
import io.onecard.core.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot taken from a running ledger, restored elsewhere and brought up to date with the journal after
 * it, gives exactly the live state; and the same state always writes the same snapshot bytes.
 */
class SnapshotTest {
    @TempDir
    Path root;

    @Test
    void shouldRestoreASnapshotAndReplayTheJournalToTheLiveState() throws Exception {
        Path live = root.resolve("live");
        CoreConfig config = TestConfigs.small(live).withDurability(Durability.ASYNC);
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        try (OneCardCore core = OneCardCore.open(config)) {
            LedgerClient client = new LedgerClient(core.sink());
            long[] cards = {client.issue(100_000).cardNumber(), client.issue(100_000).cardNumber()};
            load(client, cards, "before", new Random(1));
            core.snapshot(snapshot, 30_000);
            load(client, cards, "after", new Random(2));
        }

        Path restored = root.resolve("restored");
        PinSecret secret = PinSecret.loadOrCreate(live, new SecureRandom());
        try (LedgerState copy = LedgerState.open(restored, config.withDataDir(restored));
             LedgerState original = LedgerState.open(live, config);
             Journal journal = Journal.openForReading(live)) {
            copy.restore(new DataInputStream(new java.io.ByteArrayInputStream(snapshot.toByteArray())));
            Ledger ledger = new Ledger(copy, secret, config);
            long replayed = journal.replay(copy.lastAppliedIndex(), Long.MAX_VALUE, new Command(), ledger::apply);

            assertThat(replayed).isGreaterThan(100);
            assertThat(original.differences(copy, 20)).isEmpty();
            assertThat(snapshotBytes(copy)).isEqualTo(snapshotBytes(original));
        }
    }

    @Test
    void shouldRefuseSomethingThatIsNotASnapshot() throws Exception {
        Path dir = root.resolve("x");
        try (LedgerState state = LedgerState.open(dir, TestConfigs.small(dir))) {
            DataInputStream garbage = new DataInputStream(new java.io.ByteArrayInputStream(new byte[64]));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> state.restore(garbage))
                .isInstanceOf(java.io.IOException.class);
        }
        assertThat(Files.exists(dir)).isTrue();
    }

    private static byte[] snapshotBytes(LedgerState state) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        state.stores().writeSnapshot(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static void load(LedgerClient client, long[] cards, String prefix, Random random) {
        for (int i = 0; i < 150; i++) {
            long card = cards[random.nextInt(cards.length)];
            if (random.nextBoolean()) {
                client.debit(card, 1 + random.nextInt(100), prefix + i);
            } else {
                var hold = client.authorize(card, 200, 1 + random.nextInt(5), prefix + "h" + i);
                if (random.nextBoolean()) {
                    client.capture(hold.holdId(), -1, prefix + "c" + i);
                }
            }
        }
    }
}
