package io.onecard.core.ring;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.onecard.core.CoreConfig;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.PinSecret;
import io.onecard.core.journal.Journal;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.Ledger;
import io.onecard.core.ledger.LedgerState;
import io.onecard.core.ledger.ResultCode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ring: many producers publish commands; one ring thread journals, applies and answers them.
 *
 * <pre>
 *   edges --tryPublish--> [ ring of preallocated slots ] --> ring thread, per batch:
 *                                                              1. stamp and append every command
 *                                                              2. force the journal once ({@code sync})
 *                                                              3. apply each command, then answer it
 * </pre>
 *
 * <p>Publishing never blocks: a full ring is reported at once. The one ring thread ({@code onecard-ledger})
 * plays the three roles the rest of the code names: the journaller stamps each command's time (never
 * backwards) and, in {@code sync} mode, forces the journal at the end of each batch before any of it is
 * applied, so no result leaves for a command that is not on disk; the ledger applies; the replier hands each
 * result to its listener. One thread plays them all because a hand-off between ring threads cost far more
 * CPU than the journal append (about 0.6 us) or the answer: on a small machine every extra ring thread spent
 * its waits spinning or waking up, on cores the edges need.
 */
public final class SettlementRing implements CommandSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SettlementRing.class);

    private final Disruptor<RingSlot> disruptor;
    private final RingBuffer<RingSlot> ring;
    private final CommandPreparer preparer;
    private final LongAdder overloaded = new LongAdder();
    private final Settler settler;
    private volatile boolean accepting = true;

    SettlementRing(int size, String waitStrategy, CommandPreparer preparer, Journal journal, Ledger ledger,
                   Clock clock) {
        this.preparer = preparer;
        this.disruptor = new Disruptor<>(RingSlot::new, size, threads(), ProducerType.MULTI,
            waitStrategy(waitStrategy));
        this.settler = new Settler(disruptor.getRingBuffer(), journal, ledger, clock);
        disruptor.handleEventsWith(settler);
        this.ring = disruptor.start();
    }

    @Override
    public boolean tryPublish(CommandWriter writer, ResultListener listener) {
        if (!accepting) {
            overloaded.increment();
            return false;
        }
        long sequence;
        try {
            sequence = ring.tryNext();
        } catch (InsufficientCapacityException full) {
            overloaded.increment();
            return false;
        }
        RingSlot slot = ring.get(sequence);
        slot.clear();
        try {
            writer.write(slot.command);
            preparer.prepare(slot.command);
            slot.listener = listener;
        } catch (RuntimeException | Error e) {
            slot.skip = true;
            throw e;
        } finally {
            ring.publish(sequence);
        }
        return true;
    }

    /** Builds the ring for a recovered ledger and starts its threads. */
    public static SettlementRing start(CoreConfig config, PinSecret secret, CardNumbers numbers,
                                       SecureRandom random, LedgerState state, Journal journal, Ledger ledger,
                                       Clock clock) {
        CommandPreparer preparer = new CommandPreparer(secret, numbers, random, state.cards());
        return new SettlementRing(config.ringSize(), config.waitStrategy(), preparer, journal, ledger, clock);
    }

    /**
     * Runs a task on the ledger thread between two commands and waits for it: for snapshots and audits,
     * never on an I/O thread.
     */
    public void runOnLedger(Consumer<LedgerAccess> task, long timeoutMillis) throws TimeoutException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ring.publishEvent((slot, sequence) -> {
            slot.clear();
            slot.ledgerTask = access -> {
                try {
                    task.accept(access);
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            };
        });
        try {
            done.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ledger", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("ledger task failed", e.getCause());
        }
    }

    /** Sets the one observer that sees every applied command after its listener; null for none. */
    public void observe(SettlementObserver value) {
        settler.observer = value;
    }

    public long capacity() {
        return ring.getBufferSize();
    }

    public long remaining() {
        return ring.remainingCapacity();
    }

    /** How many publishes were refused because the ring was full or closing. */
    public long overloadedCount() {
        return overloaded.sum();
    }

    /** Stops taking commands, then waits until every published command is journaled, applied and answered. */
    @Override
    public void close() {
        accepting = false;
        try {
            disruptor.shutdown(10, TimeUnit.SECONDS);
        } catch (com.lmax.disruptor.TimeoutException e) {
            LOG.warn("ring did not drain within 10 s; halting");
            disruptor.halt();
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            int index = count.getAndIncrement();
            Thread thread = new Thread(runnable, index == 0 ? "onecard-ledger" : "onecard-ring-" + index);
            thread.setDaemon(true);
            return thread;
        };
    }

    static WaitStrategy waitStrategy(String name) {
        return switch (name) {
            case "blocking" -> new LiteBlockingWaitStrategy();
            case "sleeping" -> new SleepingWaitStrategy();
            case "yielding" -> new YieldingWaitStrategy();
            case "busy-spin" -> new BusySpinWaitStrategy();
            default -> throw new IllegalArgumentException("unknown wait strategy " + name);
        };
    }

    /**
     * The ring thread: journals each command as it comes, and at the end of a batch forces the journal, then
     * applies and answers every command of the batch in order. The batch's slots stay claimed by this thread
     * until it returns from the batch's last event, so reading them back from the ring is safe.
     */
    private static final class Settler implements EventHandler<RingSlot> {
        private final RingBuffer<RingSlot> ring;
        private final Journal journal;
        private final Ledger ledger;
        private final LedgerAccess access;
        private final Clock clock;
        private long lastMillis;
        private long batchStart = -1;
        private volatile SettlementObserver observer;

        Settler(RingBuffer<RingSlot> ring, Journal journal, Ledger ledger, Clock clock) {
            this.ring = ring;
            this.journal = journal;
            this.ledger = ledger;
            this.access = () -> ledger;
            this.clock = clock;
        }

        @Override
        public void onEvent(RingSlot slot, long sequence, boolean endOfBatch) {
            if (batchStart < 0) {
                batchStart = sequence;
            }
            journal(slot);
            if (endOfBatch) {
                long first = batchStart;
                batchStart = -1;
                journal.force();
                for (long next = first; next <= sequence; next++) {
                    RingSlot settled = ring.get(next);
                    apply(settled);
                    answer(settled);
                }
            }
        }

        /** Stamps the command's time (never backwards) and appends it. */
        private void journal(RingSlot slot) {
            if (slot.skip || slot.ledgerTask != null) {
                return;
            }
            Command command = slot.command;
            lastMillis = Math.max(lastMillis, clock.millis());
            command.timestampMillis(lastMillis);
            if (command.type() != null && command.needsJournal()) {
                command.journalIndex(journal.append(command));
            }
        }

        /** Applies the command to the ledger, or runs a ledger task. */
        private void apply(RingSlot slot) {
            if (slot.skip) {
                return;
            }
            if (slot.ledgerTask != null) {
                slot.ledgerTask.accept(access);
                return;
            }
            if (slot.command.type() == null) {
                slot.command.result().failWith(ResultCode.INVALID_REQUEST);
                return;
            }
            ledger.apply(slot.command);
        }

        /** Hands the result to its listener, then to the settlement observer. */
        private void answer(RingSlot slot) {
            if (slot.skip || slot.ledgerTask != null) {
                return;
            }
            try {
                if (slot.listener != null) {
                    slot.listener.onResult(slot.command);
                }
                SettlementObserver current = observer;
                if (current != null) {
                    current.onSettled(slot.command);
                }
            } catch (RuntimeException e) {
                LOG.error("result listener failed for {}", slot.command.type(), e);
            }
        }
    }
}
