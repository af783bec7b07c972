package io.onecard.core.journal;

import io.onecard.core.CoreConfig;
import io.onecard.core.DataDirLock;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.Counter;
import io.onecard.core.ledger.Ledger;
import io.onecard.core.ledger.LedgerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Proves the stores against the journal: replays the whole journal into a fresh ledger and compares the
 * result with the live stores entry by entry, then checks conservation on the live cards.
 *
 * <p>Conservation: the sum of all balances equals issued + recharged - captured - debited + refunded, the
 * sum of all {@code held} equals the open holds, and no card has {@code available < 0}.
 */
public final class Audit {
    /** Most differences one report lists. */
    public static final int MAX_DIFFERENCES = 1_000;

    private Audit() {
    }

    /**
     * Audits a live state against a journal, up to the state's last applied command.
     *
     * @param scratch an empty directory for the replayed state; deleted afterwards
     */
    public static AuditReport run(LedgerState live, Journal journal, PinSecret secret, CoreConfig config,
                                  Path scratch) {
        List<String> problems = new ArrayList<>(conservation(live));
        long replayed;
        try (LedgerState fresh = LedgerState.open(scratch, config.withDataDir(scratch))) {
            Ledger ledger = new Ledger(fresh, secret, config);
            replayed = journal.replay(0, live.lastAppliedIndex(), new Command(), ledger::apply);
            problems.addAll(live.differences(fresh, MAX_DIFFERENCES - problems.size()));
        } finally {
            deleteTree(scratch);
        }
        return new AuditReport(replayed, live.counter(Counter.CARDS), problems);
    }

    /** Audits a data directory that no running server holds. */
    public static AuditReport runOffline(CoreConfig config, Path scratch) {
        PinSecret secret = PinSecret.loadOrCreate(config.dataDir(), new SecureRandom());
        try (DataDirLock lock = DataDirLock.acquire(config.dataDir());
             LedgerState live = LedgerState.open(config.dataDir(), config);
             Journal journal = Journal.openForReading(config.dataDir())) {
            long replayedTail = journal.replay(live.lastAppliedIndex(), Long.MAX_VALUE, new Command(),
                new Ledger(live, secret, config)::apply);
            AuditReport report = run(live, journal, secret, config, scratch);
            return new AuditReport(report.commandsReplayed(), report.cards(), report.problems(), replayedTail);
        }
    }

    /** Every breach of conservation in a state, at most {@link #MAX_DIFFERENCES}. */
    public static List<String> conservation(LedgerState state) {
        return new ArrayList<>(Conservation.of(state, MAX_DIFFERENCES).problems());
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
