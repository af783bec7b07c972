package io.onecard.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.CoreConfig;
import io.onecard.core.card.Currencies;
import io.onecard.core.journal.Audit;
import io.onecard.core.testing.LedgerHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random command sequences on a few cards: money is conserved, no card is overdrawn, replayed keys change
 * nothing, and replaying the journal rebuilds exactly the same state.
 */
class LedgerPropertiesTest {
    private static final int EUR = Currencies.parse("EUR");
    private static final int CARDS = 3;

    /** One step of a random sequence: what to do, to which card or id, how much, with which key. */
    record Step(int kind, int target, long amount, int key, boolean rightPin) {
    }

    @Provide
    Arbitrary<Step> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 50),
            Arbitraries.longs().between(-5, 3_000), Arbitraries.integers().between(-1, 12),
            Arbitraries.of(true, true, true, false)).as(Step::new);
    }

    @Property(tries = 40)
    void shouldConserveMoneyAndReplayExactly(@ForAll @Size(min = 1, max = 150) List<@From("steps") Step> steps)
        throws IOException {
        Path root = Files.createTempDirectory("onecard-property");
        try (LedgerHarness ledger = new LedgerHarness(config(root.resolve("live")), 11)) {
            Model model = new Model(ledger);
            for (Step step : steps) {
                model.apply(step);
            }
            assertThat(Audit.conservation(ledger.state())).isEmpty();
            model.assertReplayedKeysChangeNothing();
            assertJournalReplaysToTheSameState(ledger, root.resolve("replayed"));
        } finally {
            deleteTree(root);
        }
    }

    private static CoreConfig config(Path dir) {
        return CoreConfig.defaults(dir).withCapacity(64, 64, 2_000, 4_000, 2_000);
    }

    private static void assertJournalReplaysToTheSameState(LedgerHarness live, Path dir) {
        try (LedgerState fresh = LedgerState.open(dir, config(dir))) {
            Ledger ledger = new Ledger(fresh, live.secret(), live.config());
            live.journal().replay(0, Long.MAX_VALUE, new Command(), ledger::apply);
            assertThat(live.state().differences(fresh, 10)).isEmpty();
        }
    }

    /** Drives the ledger and remembers what it needs to pick valid targets and to replay keys. */
    private static final class Model {
        private final LedgerHarness ledger;
        private final List<Long> cards = new ArrayList<>();
        private final List<Long> holds = new ArrayList<>();
        private final List<Long> charges = new ArrayList<>();
        private final Map<String, Step> keyed = new HashMap<>();

        Model(LedgerHarness ledger) {
            this.ledger = ledger;
            for (int i = 0; i < CARDS; i++) {
                cards.add(ledger.apply(c -> c.type(CommandType.ISSUE_CARD).amountMinor(2_000).currency(EUR))
                    .cardNumber());
            }
        }

        void apply(Step step) {
            String key = step.key() < 0 ? null : "k" + step.key();
            Result result = ledger.apply(c -> write(c, step, key));
            if (result.code() == ResultCode.OK && !result.replayed()) {
                if (result.holdId() != 0 && step.kind() == 3) {
                    holds.add(result.holdId());
                }
                if (result.transactionId() != 0 && (step.kind() == 2 || step.kind() == 4)) {
                    charges.add(result.transactionId());
                }
            }
            if (key != null && !keyed.containsKey(key) && result.code() != ResultCode.INVALID_REQUEST
                && result.code() != ResultCode.IDEMPOTENCY_CONFLICT && step.kind() <= 7) {
                keyed.put(key, step);
            }
            if (step.kind() == 9) {
                ledger.advanceMillis(step.amount() * 100);
            }
        }

        private void write(Command c, Step step, String key) {
            long card = cards.get(step.target() % cards.size());
            switch (step.kind()) {
                case 0 -> c.type(CommandType.RECHARGE).cardNumber(card).amountMinor(step.amount()).currency(EUR);
                case 1, 2 -> c.type(CommandType.DEBIT).channel(Channel.WEB).cardNumber(card)
                    .amountMinor(step.amount()).currency(EUR).pin(step.rightPin() ? LedgerHarness.PIN : "0000")
                    .credential(Credential.PIN);
                case 3 -> c.type(CommandType.AUTHORIZE).channel(Channel.PHONE).cardNumber(card)
                    .amountMinor(step.amount()).currency(EUR).holdSeconds(1 + step.target())
                    .pin(LedgerHarness.PIN).credential(Credential.PIN);
                case 4 -> c.type(CommandType.CAPTURE).holdId(pick(holds, step)).amountMinor(step.amount())
                    .fullAmount(step.amount() % 2 == 0);
                case 5 -> c.type(CommandType.VOID).holdId(pick(holds, step));
                case 6 -> c.type(CommandType.EXTEND_HOLD).holdId(pick(holds, step)).amountMinor(step.amount())
                    .holdSeconds(1 + step.target());
                case 7 -> c.type(CommandType.REFUND).transactionId(pick(charges, step)).amountMinor(step.amount());
                case 8 -> c.type(CommandType.UNBLOCK_CARD).cardNumber(card);
                default -> c.type(CommandType.EXPIRE_HOLDS);
            }
            if (step.kind() <= 7) {
                c.idempotencyKey(key);
            }
        }

        private static long pick(List<Long> ids, Step step) {
            return ids.isEmpty() ? step.target() : ids.get(step.target() % ids.size());
        }

        void assertReplayedKeysChangeNothing() {
            Map<Long, String> before = balances();
            for (Map.Entry<String, Step> entry : keyed.entrySet()) {
                Result result = ledger.apply(c -> write(c, entry.getValue(), entry.getKey()));
                assertThat(result.replayed() || result.code() == ResultCode.IDEMPOTENCY_CONFLICT)
                    .as("key %s", entry.getKey()).isTrue();
            }
            assertThat(balances()).isEqualTo(before);
        }

        private Map<Long, String> balances() {
            Map<Long, String> balances = new TreeMap<>();
            for (long card : cards) {
                Result result = ledger.apply(c -> c.type(CommandType.QUERY_CARD).cardNumber(card));
                balances.put(card, result.balance() + "/" + result.held());
            }
            return balances;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
