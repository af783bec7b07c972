package io.onecard.core.journal;

import io.onecard.core.CoreConfig;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.Counter;
import io.onecard.core.ledger.Ledger;
import io.onecard.core.ledger.LedgerState;
import io.onecard.core.ring.LedgerAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Audits a running ledger without stopping it.
 *
 * <p>The journal is replayed into a fresh state in a scratch directory on the calling thread, while the ring
 * keeps serving: in passes, each up to the live ledger's last applied command at the moment the pass began,
 * until a pass finds only a short tail. Then one task on the ledger thread, between two commands, replays
 * what is left up to the live last applied index, compares the two states entry by entry and takes the
 * conservation figures, so that both states are compared at exactly the same journal index. Only that task
 * pauses the ring: the short tail plus one pass over the stores, never the whole journal.
 *
 * <p>The calling thread may be interrupted: the replay stops between two commands and the scratch
 * directory is removed. A ledger task that has not started when its wait times out never runs.
 */
public final class LiveAudit {
    /** Background passes at most, before the ledger thread replays whatever tail is left. */
    public static final int MAX_CATCH_UP_PASSES = 8;
    /** A pass that replayed at most this many commands leaves the rest to the ledger thread. */
    public static final long SHORT_TAIL_COMMANDS = 2_000;

    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int ABANDONED = 2;

    private LiveAudit() {
    }

    /** Runs a task on the ledger thread between two commands, waiting at most the given time for it. */
    @FunctionalInterface
    public interface LedgerThread {
        void run(Consumer<LedgerAccess> task, long timeoutMillis) throws TimeoutException;
    }

    /**
     * Audits the live ledger.
     *
     * @param ledgerThread runs tasks on the live ledger's thread
     * @param journal the live journal (read with tailers of this thread; the journaller keeps appending)
     * @param scratch an empty directory for the replayed state; deleted afterwards
     * @param timeoutMillis how long to wait for the ledger thread to take each task
     * @throws TimeoutException when the ledger thread did not take a task in time
     */
    public static LiveAuditReport run(LedgerThread ledgerThread, Journal journal, PinSecret secret,
                                      CoreConfig config, Path scratch, long timeoutMillis) throws TimeoutException {
        long started = System.nanoTime();
        try (LedgerState fresh = LedgerState.open(scratch, config.withDataDir(scratch))) {
            Ledger replayer = new Ledger(fresh, secret, config);
            Consumer<Command> apply = command -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("audit interrupted");
                }
                replayer.apply(command);
            };
            long replayed = 0;
            for (int pass = 0; pass < MAX_CATCH_UP_PASSES; pass++) {
                long target = onLedger(ledgerThread, access -> access.ledger().state().lastAppliedIndex(),
                    timeoutMillis);
                long count = journal.replay(fresh.lastAppliedIndex(), target, new Command(), apply);
                replayed += count;
                if (count <= SHORT_TAIL_COMMANDS) {
                    break;
                }
            }
            replayer.handOver();
            long totalReplayed = replayed;
            return onLedger(ledgerThread, access -> {
                long pauseStarted = System.nanoTime();
                LedgerState live = access.ledger().state();
                long tail = journal.replay(fresh.lastAppliedIndex(), live.lastAppliedIndex(), new Command(),
                    replayer::apply);
                Conservation conservation = Conservation.of(live, Audit.MAX_DIFFERENCES);
                List<String> differences = new ArrayList<>(conservation.problems());
                differences.addAll(live.differences(fresh, Audit.MAX_DIFFERENCES - differences.size()));
                long pauseMillis = (System.nanoTime() - pauseStarted) / 1_000_000;
                return new LiveAuditReport(live.lastAppliedIndex(), totalReplayed + tail, tail, pauseMillis,
                    (System.nanoTime() - started) / 1_000_000, live.counter(Counter.CARDS), conservation,
                    differences);
            }, timeoutMillis);
        } finally {
            Audit.deleteTree(scratch);
        }
    }

    /**
     * Runs a task on the ledger thread and returns its value. When the wait times out before the task
     * started, the task is abandoned and never runs; when it had started, its end is awaited (even by an
     * interrupted thread), because the scratch state it uses must outlive it.
     */
    private static <T> T onLedger(LedgerThread ledgerThread, Function<LedgerAccess, T> task, long timeoutMillis)
        throws TimeoutException {
        AtomicInteger stage = new AtomicInteger(WAITING);
        CompletableFuture<T> outcome = new CompletableFuture<>();
        try {
            ledgerThread.run(access -> {
                if (!stage.compareAndSet(WAITING, RUNNING)) {
                    return;
                }
                try {
                    outcome.complete(task.apply(access));
                } catch (RuntimeException | Error e) {
                    outcome.completeExceptionally(e);
                }
            }, timeoutMillis);
        } catch (TimeoutException e) {
            if (stage.compareAndSet(WAITING, ABANDONED)) {
                throw e;
            }
        }
        try {
            return outcome.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the audit failed on the ledger thread", e.getCause());
        }
    }
}
