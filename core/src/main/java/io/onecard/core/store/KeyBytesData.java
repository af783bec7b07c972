package io.onecard.core.store;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.AbstractData;

/**
 * A reusable key given as the bytes Chronicle Map stores for it, so that a key read back from another table
 * is looked up without being decoded into an object. Chronicle Map hashes and compares such keys by their
 * bytes, as it does every key it encodes itself. One instance per thread and table, set before each query.
 *
 * @param <K> the key type whose stored bytes these are
 */
final class KeyBytesData<K> extends AbstractData<K> {
    private BytesStore<?, ?> bytes;
    private int size;

    KeyBytesData<K> set(BytesStore<?, ?> keyBytes, int keySize) {
        bytes = keyBytes;
        size = keySize;
        return this;
    }

    @Override
    public RandomDataInput bytes() {
        return bytes;
    }

    @Override
    public long offset() {
        return 0;
    }

    @Override
    public long size() {
        return size;
    }

    /** Keys given as bytes are never decoded: the ledger only looks them up and removes them. */
    @Override
    public K get() {
        throw new UnsupportedOperationException("a key given as bytes is not decoded");
    }

    @Override
    public K getUsing(K using) {
        return get();
    }
}
