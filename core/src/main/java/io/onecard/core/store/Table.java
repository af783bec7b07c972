package io.onecard.core.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * One persisted Chronicle Map of the ledger, whose every change is undoable until the command is applied.
 *
 * <p>Each write or delete first copies the entry's prior bytes (or its absence) into the undo record of the
 * {@link StateFile}, then changes the entry in place under the segment lock. Only the ledger thread writes.
 *
 * <p>Tables keyed by {@code long} also take the key as a primitive, through a reused key of the calling thread
 * that Chronicle Map hashes and compares exactly as its own {@code Long} keys ({@link LongKeyData}); a key read
 * back from another table is looked up by its stored bytes ({@link KeyBytesData}). The ledger's hot path thus
 * creates no key object, and each such method looks the key up exactly once.
 *
 * @param <K> the key type
 * @param <V> the record type
 */
public final class Table<K, V> implements AutoCloseable {
    private final int id;
    private final String name;
    private final ChronicleMap<K, V> map;
    private final StateFile state;
    private final BytesStore<?, ?> undo;
    private final boolean longKeys;
    private final ThreadLocal<LongKeyData> longKeyData = ThreadLocal.withInitial(LongKeyData::new);
    private final ThreadLocal<KeyBytesData<K>> keyBytesData = ThreadLocal.withInitial(KeyBytesData::new);

    Table(int id, String name, ChronicleMap<K, V> map, StateFile state) {
        this.id = id;
        this.name = name;
        this.map = map;
        this.state = state;
        this.undo = BytesStore.wrap(state.buffer());
        this.longKeys = map.keyClass() == Long.class;
    }

    public String name() {
        return name;
    }

    int id() {
        return id;
    }

    public long size() {
        return map.longSize();
    }

    /** Reads the entry into {@code using}; returns false when there is none. */
    public boolean read(K key, V using) {
        return map.getUsing(key, using) != null;
    }

    /** The entry's value as a new object, or null; for values that cannot be read into a reused one. */
    public V get(K key) {
        return map.get(key);
    }

    public boolean contains(K key) {
        return map.containsKey(key);
    }

    /** Inserts or replaces the entry, after recording its prior state for undo. */
    public void write(K key, V value) {
        try (ExternalMapQueryContext<K, V, ?> context = map.queryContext(key)) {
            writeLocked(context, value);
        }
    }

    /** Removes the entry if present, after recording it for undo. */
    public void delete(K key) {
        try (ExternalMapQueryContext<K, V, ?> context = map.queryContext(key)) {
            deleteLocked(context);
        }
    }

    /** Reads the entry under a {@code long} key into {@code using}; returns false when there is none. */
    public boolean readLongKey(long key, V using) {
        try (ExternalMapQueryContext<K, V, ?> context = longKeyContext(key)) {
            context.readLock().lock();
            MapEntry<K, V> entry = context.entry();
            if (entry == null) {
                return false;
            }
            entry.value().getUsing(using);
            return true;
        }
    }

    /** True when there is an entry under the {@code long} key. */
    public boolean containsLongKey(long key) {
        try (ExternalMapQueryContext<K, V, ?> context = longKeyContext(key)) {
            context.readLock().lock();
            return context.entry() != null;
        }
    }

    /** Inserts or replaces the entry under a {@code long} key, after recording its prior state for undo. */
    public void writeLongKey(long key, V value) {
        try (ExternalMapQueryContext<K, V, ?> context = longKeyContext(key)) {
            writeLocked(context, value);
        }
    }

    /** Removes the entry under a {@code long} key if present, after recording it for undo. */
    public void deleteLongKey(long key) {
        try (ExternalMapQueryContext<K, V, ?> context = longKeyContext(key)) {
            deleteLocked(context);
        }
    }

    /**
     * Removes the entry under a {@code long} key, read into {@code using}, unless {@code keep} holds for it;
     * one lookup where a read and a delete would take two.
     *
     * @return true when an entry was removed
     */
    public boolean deleteUnless(long key, V using, Predicate<V> keep) {
        try (ExternalMapQueryContext<K, V, ?> context = longKeyContext(key)) {
            context.updateLock().lock();
            MapEntry<K, V> entry = context.entry();
            if (entry == null || keep.test(entry.value().getUsing(using))) {
                return false;
            }
            remember(context.queriedKey(), entry.value());
            entry.doRemove();
            return true;
        }
    }

    /**
     * Copies the stored bytes of the value under a {@code long} key into {@code target}, so that a value that
     * is another table's key can be used as one without being decoded.
     *
     * @return the value's size in bytes (copied only when it fits into {@code target}), or -1 when absent
     */
    public int readValueBytes(long key, byte[] target) {
        try (ExternalMapQueryContext<K, V, ?> context = longKeyContext(key)) {
            context.readLock().lock();
            MapEntry<K, V> entry = context.entry();
            if (entry == null) {
                return -1;
            }
            Data<V> value = entry.value();
            int size = (int) value.size();
            if (size <= target.length) {
                value.bytes().read(value.offset(), target, 0, size);
            }
            return size;
        }
    }

    /** Reads the entry under a key given as its stored bytes into {@code using}; false when there is none. */
    public boolean readByKeyBytes(BytesStore<?, ?> key, int size, V using) {
        try (ExternalMapQueryContext<K, V, ?> context = keyBytesContext(key, size)) {
            context.readLock().lock();
            MapEntry<K, V> entry = context.entry();
            if (entry == null) {
                return false;
            }
            entry.value().getUsing(using);
            return true;
        }
    }

    /** Removes the entry under a key given as its stored bytes, if present, after recording it for undo. */
    public void deleteByKeyBytes(BytesStore<?, ?> key, int size) {
        try (ExternalMapQueryContext<K, V, ?> context = keyBytesContext(key, size)) {
            deleteLocked(context);
        }
    }

    @SuppressWarnings("unchecked")
    private ExternalMapQueryContext<K, V, ?> longKeyContext(long key) {
        assert longKeys : name + " is not keyed by long";
        return map.queryContext((Data<K>) (Data<?>) longKeyData.get().set(key));
    }

    private ExternalMapQueryContext<K, V, ?> keyBytesContext(BytesStore<?, ?> key, int size) {
        return map.queryContext(keyBytesData.get().set(key, size));
    }

    private void writeLocked(ExternalMapQueryContext<K, V, ?> context, V value) {
        context.updateLock().lock();
        MapEntry<K, V> entry = context.entry();
        remember(context.queriedKey(), entry == null ? null : entry.value());
        Data<V> data = context.wrapValueAsData(value);
        if (entry != null) {
            entry.doReplaceValue(data);
        } else {
            context.absentEntry().doInsert(data);
        }
    }

    private void deleteLocked(ExternalMapQueryContext<K, V, ?> context) {
        context.updateLock().lock();
        MapEntry<K, V> entry = context.entry();
        if (entry != null) {
            remember(context.queriedKey(), entry.value());
            entry.doRemove();
        }
    }

    /** Calls {@code action} for every entry with a copy of its key and its value read into {@code using}. */
    public void forEach(V using, BiConsumer<K, V> action) {
        map.forEachEntry(entry -> action.accept(entry.key().get(), entry.value().getUsing(using)));
    }

    private void remember(Data<K> key, Data<V> value) {
        int keySize = (int) key.size();
        int valueSize = value == null ? -1 : (int) value.size();
        int at = state.reserveUndoEntry(keySize, valueSize);
        undo.writeInt(at, id);
        undo.writeInt(at + 4, keySize);
        undo.writeInt(at + 8, valueSize);
        key.writeTo(undo, at + 12);
        if (value != null) {
            value.writeTo(undo, at + 12 + keySize);
        }
        state.commitUndoEntry();
    }

    /** Puts back the entry recorded at {@code at} in the undo record. */
    void rollback(int at) {
        int keySize = undo.readInt(at + 4);
        int valueSize = undo.readInt(at + 8);
        try (ExternalMapQueryContext<K, V, ?> context = map.queryContext(undo, at + 12, keySize)) {
            context.updateLock().lock();
            MapEntry<K, V> entry = context.entry();
            if (valueSize < 0) {
                if (entry != null) {
                    entry.doRemove();
                }
                return;
            }
            Data<V> prior = context.wrapValueBytesAsData(undo, at + 12 + keySize, valueSize);
            if (entry != null) {
                entry.doReplaceValue(prior);
            } else {
                context.absentEntry().doInsert(prior);
            }
        }
    }

    /** The raw bytes of every entry as {key, value} pairs, sorted by key bytes: an order free of hashing. */
    List<byte[][]> sortedEntries() {
        List<byte[][]> entries = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, map.longSize()));
        map.forEachEntry(entry -> entries.add(new byte[][] {copy(entry.key()), copy(entry.value())}));
        entries.sort((left, right) -> Arrays.compareUnsigned(left[0], right[0]));
        return entries;
    }

    /** The raw value bytes stored under the raw key, or null. */
    byte[] rawValue(byte[] key) {
        BytesStore<?, byte[]> keyBytes = BytesStore.wrap(key);
        try (ExternalMapQueryContext<K, V, ?> context = map.queryContext(keyBytes, 0, key.length)) {
            context.readLock().lock();
            MapEntry<K, V> entry = context.entry();
            return entry == null ? null : copy(entry.value());
        }
    }

    /** Writes every entry, sorted by key bytes, to a snapshot stream. */
    void writeSnapshot(DataOutputStream out) throws IOException {
        List<byte[][]> entries = sortedEntries();
        out.writeUTF(name);
        out.writeLong(entries.size());
        for (byte[][] entry : entries) {
            out.writeInt(entry[0].length);
            out.write(entry[0]);
            out.writeInt(entry[1].length);
            out.write(entry[1]);
        }
    }

    /** Replaces the whole content with the entries of a snapshot stream. */
    void readSnapshot(DataInputStream in, int maxEntryBytes) throws IOException {
        String found = in.readUTF();
        if (!found.equals(name)) {
            throw new IOException("snapshot holds table " + found + " where " + name + " was expected");
        }
        map.clear();
        long count = in.readLong();
        for (long i = 0; i < count; i++) {
            byte[] key = readBounded(in, maxEntryBytes);
            byte[] value = readBounded(in, maxEntryBytes);
            BytesStore<?, byte[]> keyBytes = BytesStore.wrap(key);
            BytesStore<?, byte[]> valueBytes = BytesStore.wrap(value);
            try (ExternalMapQueryContext<K, V, ?> context = map.queryContext(keyBytes, 0, key.length)) {
                context.updateLock().lock();
                context.absentEntry().doInsert(context.wrapValueBytesAsData(valueBytes, 0, value.length));
            }
        }
    }

    private static byte[] readBounded(DataInputStream in, int maxBytes) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > maxBytes) {
            throw new IOException("snapshot entry of " + length + " bytes is out of bounds");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static byte[] copy(Data<?> data) {
        byte[] bytes = new byte[(int) data.size()];
        data.bytes().read(data.offset(), bytes, 0, bytes.length);
        return bytes;
    }

    @Override
    public void close() {
        map.close();
    }
}
