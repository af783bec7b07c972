package io.onecard.bench;

import io.onecard.core.OneCardCore;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.ResultCode;
import io.onecard.core.ring.CommandWriter;
import io.onecard.core.ring.Durability;
import io.onecard.core.ring.ResultListener;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Commands settled per second end to end through the ring (publish, journal, apply, reply), with up to a
 * full ring of commands in flight, in {@code sync} and {@code async} durability.
 *
 * <p>Each invocation publishes a batch of one-cent debits across a few cards and waits until every one
 * is answered; the teardown checks that every answer was OK and that the cards lost exactly what was
 * debited.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RingThroughputBenchmark extends OneCardFork {
    private static final int BATCH = 20_000;
    private static final int CARDS = 16;
    /** The producer naps while the ring is full, so that it does not take a core from the ring's threads. */
    private static final long PAUSE_NANOS = 1_000;

    @Param({"sync", "async"})
    public String durability;

    @Param({"sleeping", "blocking"})
    public String waitStrategy;

    private Path dataDir;
    private OneCardCore core;
    private long[] cards;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private long published;
    private ResultListener listener;
    private CommandWriter[] writers;

    @Setup(Level.Trial)
    public void open() {
        dataDir = BenchCards.newDataDir();
        cards = BenchCards.issue(dataDir, CARDS);
        core = OneCardCore.open(BenchCards.config(dataDir, Durability.parse(durability))
            .withWaitStrategy(waitStrategy));
        listener = this::onResult;
        writers = new CommandWriter[CARDS];
        for (int i = 0; i < CARDS; i++) {
            long card = cards[i];
            writers[i] = command -> command.type(CommandType.DEBIT).channel(Channel.WEB).cardNumber(card)
                .amountMinor(1).currency(BenchCards.EUR);
        }
    }

    private void onResult(Command command) {
        if (command.result().code() != ResultCode.OK) {
            failed.incrementAndGet();
        }
        answered.incrementAndGet();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long settleBatch() {
        long target = published + BATCH;
        for (int i = 0; i < BATCH; i++) {
            CommandWriter writer = writers[i % CARDS];
            while (!core.sink().tryPublish(writer, listener)) {
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        }
        published = target;
        while (answered.get() < target) {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        return answered.get();
    }

    @TearDown(Level.Trial)
    public void check() throws Exception {
        if (failed.get() != 0) {
            throw new IllegalStateException(failed.get() + " debits failed");
        }
        long spent = 0;
        for (long card : cards) {
            long[] balance = new long[1];
            core.runOnLedger(access -> {
                Command query = new Command();
                query.type(CommandType.QUERY_CARD).cardNumber(card);
                access.ledger().apply(query);
                balance[0] = query.result().balance();
            }, 10_000);
            spent += BenchCards.INITIAL_BALANCE - balance[0];
        }
        if (spent != published) {
            throw new IllegalStateException("cards lost " + spent + " but " + published + " debits were settled");
        }
        core.close();
        BenchCards.delete(dataDir);
    }
}
