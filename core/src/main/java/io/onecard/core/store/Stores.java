package io.onecard.core.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * The ledger's persisted state as a whole: its tables and its {@link StateFile}.
 *
 * <p>Opens every table in one directory, rolls back a half-applied command after a crash, writes and reads
 * snapshots in a hash-free order, and compares two states entry by entry.
 */
public final class Stores implements AutoCloseable {
    private static final int SNAPSHOT_MAGIC = 0x4f4e4353;
    private static final int MAX_SNAPSHOT_ENTRY_BYTES = 1 << 16;

    private final Path directory;
    private final StateFile state;
    private final boolean recovering;
    private final List<Table<?, ?>> tables = new ArrayList<>();

    private Stores(Path directory, StateFile state) {
        this.directory = directory;
        this.state = state;
        this.recovering = !state.wasShutDownCleanly();
    }

    /** Opens (or creates) the state file of a directory; tables are added with {@link #table}. */
    public static Stores open(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return new Stores(directory, StateFile.open(directory.resolve("ledger.state")));
    }

    public StateFile state() {
        return state;
    }

    /**
     * Opens one persisted table, recovering its locks when the last run did not shut down cleanly.
     *
     * @param builder the map's shape (entries, key and value sizes); the file is {@code name + ".cm"}
     */
    public <K, V> Table<K, V> table(String name, ChronicleMapBuilder<K, V> builder) {
        Path file = directory.resolve(name + ".cm");
        try {
            builder.name(name);
            ChronicleMap<K, V> map = recovering && Files.exists(file)
                ? builder.recoverPersistedTo(file.toFile(), true)
                : builder.createPersistedTo(file.toFile());
            Table<K, V> table = new Table<>(tables.size(), name, map, state);
            tables.add(table);
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the " + name + " store " + file, e);
        }
    }

    /**
     * Rolls back the command that was being applied when the last run stopped, if any.
     *
     * @return the journal index of the rolled-back command, or zero when there was none
     */
    public long rollbackUnfinishedCommand() {
        long undoIndex = state.undoIndex();
        if (undoIndex == 0 || undoIndex == state.lastAppliedIndex()) {
            return 0;
        }
        int count = state.undoCount();
        int[] offsets = new int[count];
        int at = StateFile.entriesOffset();
        for (int i = 0; i < count; i++) {
            offsets[i] = at;
            int keySize = state.buffer().getInt(at + 4);
            int valueSize = state.buffer().getInt(at + 8);
            at += 12 + keySize + Math.max(valueSize, 0);
        }
        for (int i = count - 1; i >= 0; i--) {
            tables.get(state.buffer().getInt(offsets[i])).rollback(offsets[i]);
        }
        state.restoreCounters();
        state.clearUndo();
        return undoIndex;
    }

    /** Writes counters, last applied index and every table to a snapshot stream. */
    public void writeSnapshot(DataOutputStream out) throws IOException {
        out.writeInt(SNAPSHOT_MAGIC);
        out.writeLong(state.lastAppliedIndex());
        for (int i = 0; i < StateFile.COUNTERS; i++) {
            out.writeLong(state.counter(i));
        }
        out.writeInt(tables.size());
        for (Table<?, ?> table : tables) {
            table.writeSnapshot(out);
        }
        out.flush();
    }

    /** Replaces the whole state with a snapshot's. */
    public void readSnapshot(DataInputStream in) throws IOException {
        if (in.readInt() != SNAPSHOT_MAGIC) {
            throw new IOException("not a OneCard snapshot");
        }
        long lastApplied = in.readLong();
        long[] counters = new long[StateFile.COUNTERS];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = in.readLong();
        }
        int count = in.readInt();
        if (count != tables.size()) {
            throw new IOException("snapshot holds " + count + " tables where " + tables.size() + " were expected");
        }
        for (Table<?, ?> table : tables) {
            table.readSnapshot(in, MAX_SNAPSHOT_ENTRY_BYTES);
        }
        for (int i = 0; i < counters.length; i++) {
            state.counter(i, counters[i]);
        }
        state.clearUndo();
        state.lastAppliedIndex(lastApplied);
    }

    /**
     * Every difference between this state and another with the same tables, at most {@code limit} of them.
     * Each line names the table, the key (hex) and what differs.
     */
    public List<String> differences(Stores other, List<String> counterNames, int limit) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < StateFile.COUNTERS && found.size() < limit; i++) {
            if (state.counter(i) != other.state.counter(i)) {
                String label = i < counterNames.size() ? counterNames.get(i) : "counter " + i;
                found.add(label + ": " + state.counter(i) + " here, " + other.state.counter(i) + " there");
            }
        }
        for (int t = 0; t < tables.size() && found.size() < limit; t++) {
            compare(tables.get(t), other.tables.get(t), found, limit);
        }
        return found;
    }

    private static void compare(Table<?, ?> mine, Table<?, ?> theirs, List<String> found, int limit) {
        HexFormat hex = HexFormat.of();
        for (byte[][] entry : mine.sortedEntries()) {
            if (found.size() >= limit) {
                return;
            }
            byte[] other = theirs.rawValue(entry[0]);
            if (other == null) {
                found.add(mine.name() + " " + hex.formatHex(entry[0]) + ": only here");
            } else if (!Arrays.equals(entry[1], other)) {
                found.add(mine.name() + " " + hex.formatHex(entry[0]) + ": differs");
            }
        }
        for (byte[][] entry : theirs.sortedEntries()) {
            if (found.size() >= limit) {
                return;
            }
            if (mine.rawValue(entry[0]) == null) {
                found.add(mine.name() + " " + hex.formatHex(entry[0]) + ": only there");
            }
        }
    }

    /** Marks the state as in use: if the process dies now, the next open recovers locks and undo. */
    public void markRunning() {
        state.markRunning();
    }

    @Override
    public void close() {
        for (Table<?, ?> table : tables) {
            table.close();
        }
        state.markClean();
        state.close();
    }
}
