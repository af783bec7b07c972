package io.onecard.core.store;

import net.openhft.chronicle.algo.hashing.LongHashFunction;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.bytes.RandomDataOutput;
import net.openhft.chronicle.hash.AbstractData;

/**
 * A reusable key of a table keyed by {@code long}, handed to Chronicle Map in place of a boxed {@code Long}.
 *
 * <p>It hashes, compares and writes itself exactly as Chronicle Map's own {@code Long} keys do (eight bytes in
 * the map's byte order, hashed as a long), so that it finds the entries a boxed key wrote and writes entries a
 * boxed key finds: the files do not change. One instance per thread and table, set before each query.
 */
final class LongKeyData extends AbstractData<Long> {
    private final BytesStore<?, byte[]> bytes = BytesStore.wrap(new byte[Long.BYTES]);
    private long value;
    private boolean bytesWritten;

    LongKeyData set(long key) {
        value = key;
        bytesWritten = false;
        return this;
    }

    @Override
    public RandomDataInput bytes() {
        if (!bytesWritten) {
            bytes.writeLong(0, value);
            bytesWritten = true;
        }
        return bytes;
    }

    @Override
    public long offset() {
        return 0;
    }

    @Override
    public long size() {
        return Long.BYTES;
    }

    @Override
    public long hash(LongHashFunction function) {
        return function.hashLong(value);
    }

    @Override
    public boolean equivalent(RandomDataInput source, long sourceOffset) {
        return source.readLong(sourceOffset) == value;
    }

    @Override
    public void writeTo(RandomDataOutput target, long targetOffset) {
        target.writeLong(targetOffset, value);
    }

    /** The key boxed: Chronicle Map asks for it only to hand it to code outside the ledger's hot path. */
    @Override
    public Long get() {
        return value;
    }

    @Override
    public Long getUsing(Long using) {
        return value;
    }
}
