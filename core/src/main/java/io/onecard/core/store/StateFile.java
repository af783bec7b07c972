package io.onecard.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The ledger's small memory-mapped file: the last applied journal index, the counters, and the undo record
 * of the command being applied.
 *
 * <p>A command changes several stores. A process killed in the middle leaves some changed and some not;
 * before changing anything, the ledger writes here the counters and the prior bytes of every entry it is
 * about to change (see {@link Table}). At start, an undo record newer than the last applied index is rolled
 * back, and the command is applied again from the journal. Writes to a mapped file survive a killed
 * process, so this needs no forcing. All values are little-endian, the order the undo entries' Chronicle
 * bytes use.
 *
 * <pre>
 *     0  magic                8  last applied journal index     16  clean shutdown flag
 *    64  counters (COUNTERS longs, the live values)
 *  4096  undo: journal index of the command being applied (written last when a command begins)
 *  4104  undo: number of entries recorded     4112  undo: counters as they were before the command
 *  4112 + COUNTERS * 8: entries [table int][key size int][value size int, -1 absent][key][value]
 * </pre>
 */
public final class StateFile implements AutoCloseable {
    /** How many counters the file holds. */
    public static final int COUNTERS = 32;
    /** Most entries one command may change. */
    public static final int MAX_UNDO_ENTRIES = 64;

    private static final long MAGIC = 0x4f6e654361726431L;
    private static final int LAST_APPLIED = 8;
    private static final int CLEAN = 16;
    private static final int COUNTERS_AT = 64;
    private static final int UNDO_INDEX = 4096;
    private static final int UNDO_COUNT = 4104;
    private static final int UNDO_COUNTERS = 4112;
    private static final int UNDO_ENTRIES = UNDO_COUNTERS + COUNTERS * 8;
    private static final int SIZE_BYTES = 1 << 20;

    private final FileChannel channel;
    private final MappedByteBuffer buffer;
    private int undoWriteOffset;
    private int undoCount;

    private StateFile(FileChannel channel, MappedByteBuffer buffer) {
        this.channel = channel;
        this.buffer = buffer;
        this.undoWriteOffset = UNDO_ENTRIES;
    }

    /** Opens the state file, creating it zeroed on first start. */
    public static StateFile open(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE_BYTES);
            buffer.order(ByteOrder.LITTLE_ENDIAN);
            StateFile state = new StateFile(channel, buffer);
            if (buffer.getLong(0) == 0) {
                buffer.putLong(0, MAGIC);
                buffer.putLong(CLEAN, 1);
            } else if (buffer.getLong(0) != MAGIC) {
                throw new IllegalStateException(file + " is not a OneCard state file");
            }
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ledger state file " + file, e);
        }
    }

    public long lastAppliedIndex() {
        return buffer.getLong(LAST_APPLIED);
    }

    /** Marks a command applied: its undo record is no longer needed. */
    public void lastAppliedIndex(long index) {
        buffer.putLong(LAST_APPLIED, index);
    }

    /** True when the last run closed the stores cleanly (no lock or undo to recover). */
    public boolean wasShutDownCleanly() {
        return buffer.getLong(CLEAN) == 1;
    }

    public void markRunning() {
        buffer.putLong(CLEAN, 0);
    }

    public void markClean() {
        buffer.putLong(CLEAN, 1);
        buffer.force();
    }

    public long counter(int counter) {
        return buffer.getLong(COUNTERS_AT + counter * 8);
    }

    public void counter(int counter, long value) {
        buffer.putLong(COUNTERS_AT + counter * 8, value);
    }

    /** Begins the undo record of the command at {@code journalIndex}: saves the counters, then the index. */
    public void beginUndo(long journalIndex) {
        buffer.put(UNDO_COUNTERS, buffer, COUNTERS_AT, COUNTERS * Long.BYTES);
        buffer.putInt(UNDO_COUNT, 0);
        buffer.putLong(UNDO_INDEX, journalIndex);
        undoWriteOffset = UNDO_ENTRIES;
        undoCount = 0;
    }

    /** The journal index whose undo record is on file, or zero. */
    public long undoIndex() {
        return buffer.getLong(UNDO_INDEX);
    }

    int undoCount() {
        return buffer.getInt(UNDO_COUNT);
    }

    MappedByteBuffer buffer() {
        return buffer;
    }

    /** Reserves room for one undo entry of the given sizes; returns its offset. */
    int reserveUndoEntry(int keySize, int valueSize) {
        if (undoCount >= MAX_UNDO_ENTRIES) {
            throw new IllegalStateException("a command changed more than " + MAX_UNDO_ENTRIES + " entries");
        }
        int at = undoWriteOffset;
        int size = 12 + keySize + Math.max(valueSize, 0);
        if (at + size > SIZE_BYTES) {
            throw new IllegalStateException("undo record full");
        }
        undoWriteOffset = at + size;
        return at;
    }

    /** Counts an entry whose bytes are written: only counted entries are rolled back. */
    void commitUndoEntry() {
        undoCount++;
        buffer.putInt(UNDO_COUNT, undoCount);
    }

    static int entriesOffset() {
        return UNDO_ENTRIES;
    }

    /** Puts the counters back as they were before the command of the undo record. */
    void restoreCounters() {
        for (int i = 0; i < COUNTERS; i++) {
            counter(i, buffer.getLong(UNDO_COUNTERS + i * 8));
        }
    }

    /** Forgets the undo record, after a rollback. */
    void clearUndo() {
        buffer.putInt(UNDO_COUNT, 0);
        buffer.putLong(UNDO_INDEX, 0);
    }

    @Override
    public void close() {
        try {
            buffer.force();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the ledger state file", e);
        }
    }
}
