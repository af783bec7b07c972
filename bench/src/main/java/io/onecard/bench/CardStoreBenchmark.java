package io.onecard.bench;

import io.onecard.core.ledger.CardRecord;
import io.onecard.core.ledger.LedgerState;
import io.onecard.core.ring.Durability;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Card store access on its own: reading a card record into a reused object, and writing it back with its
 * undo copy, as the ledger does for every command, by a primitive key as on the ledger's hot path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CardStoreBenchmark extends OneCardFork {
    private static final int CARDS = 64;

    private Path dataDir;
    private LedgerState state;
    private long[] cards;
    private final CardRecord card = new CardRecord();
    private int next;
    private long index = 1L << 40;

    @Setup(Level.Trial)
    public void open() {
        dataDir = BenchCards.newDataDir();
        cards = BenchCards.issue(dataDir, CARDS);
        state = LedgerState.open(dataDir, BenchCards.config(dataDir, Durability.ASYNC));
    }

    @Benchmark
    public long readCard() {
        long number = cards[next++ & (CARDS - 1)];
        if (!state.cards().readLongKey(number, card)) {
            throw new IllegalStateException("card missing");
        }
        return card.balance();
    }

    @Benchmark
    public long readAndWriteCard() {
        long number = cards[next++ & (CARDS - 1)];
        state.file().beginUndo(++index);
        state.cards().readLongKey(number, card);
        state.cards().writeLongKey(number, card);
        return card.balance();
    }

    @TearDown(Level.Trial)
    public void check() {
        for (long number : cards) {
            if (!state.cards().read(number, card) || card.balance() != BenchCards.INITIAL_BALANCE) {
                throw new IllegalStateException("card changed by a benchmark that must not change it");
            }
        }
        state.file().lastAppliedIndex(index);
        state.close();
        BenchCards.delete(dataDir);
    }
}
