package io.onecard.core.ledger;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * Remembers the first result of every command sent with an idempotency key.
 *
 * <p>A retry with the same key and the same content gets the first result again, failures included, and
 * changes nothing; the same key with other content is a conflict. Keys are kept at least for the configured
 * window and at most up to the configured count: the oldest go first, at most two per command, so the work
 * per command stays bounded. Time is the commands' own, so replays evict exactly as the first run did.
 *
 * <p>The oldest key is read back as its stored bytes and let go by them, never decoded into a string.
 */
final class IdempotencyKeys {
    private static final int EVICTIONS_PER_COMMAND = 2;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** The longest key in UTF-8: four bytes for each pair of UTF-16 characters, three for any other. */
    private static final int MAX_KEY_BYTES = Command.MAX_IDEMPOTENCY_KEY_LENGTH * 3;

    private final LedgerState state;
    private final long windowMillis;
    private final long maxKeys;
    private final StoredResult stored = new StoredResult();
    private long contentHash;
    private byte[] key = new byte[MAX_KEY_BYTES];
    private BytesStore<?, byte[]> keyBytes = BytesStore.wrap(key);
    /** A key sequence whose creation time is known, or -1; that time is a lower bound for later keys'. */
    private long knownSequence = -1;
    private long knownCreatedAtMillis;

    IdempotencyKeys(LedgerState state, long windowMillis, long maxKeys) {
        this.state = state;
        this.windowMillis = windowMillis;
        this.maxKeys = maxKeys;
    }

    /** If the command's key is known, writes the first result (or a conflict) and returns true. */
    boolean replay(Command command, Result result) {
        if (!command.type().acceptsIdempotencyKey() || command.idempotencyKey() == null) {
            return false;
        }
        contentHash = contentHash(command);
        if (!state.idempotency().read(command.idempotencyKey(), stored)) {
            return false;
        }
        if (stored.contentHash() == contentHash) {
            result.copyFrom(stored);
        } else {
            result.fail(ResultCode.IDEMPOTENCY_CONFLICT);
        }
        return true;
    }

    /** Keeps the result under the command's key, and lets the oldest keys go. */
    void remember(Command command, Result result, long now) {
        if (command.type() == null || !command.type().acceptsIdempotencyKey() || command.idempotencyKey() == null
            || result.code() == ResultCode.DUPLICATE_CARD || result.code() == ResultCode.INVALID_REQUEST) {
            return;
        }
        long sequence = state.counter(Counter.NEXT_KEY_SEQUENCE);
        stored.capture(result, contentHash, sequence, now);
        state.idempotency().write(command.idempotencyKey(), stored);
        state.keyOrder().writeLongKey(sequence, command.idempotencyKey());
        state.counter(Counter.NEXT_KEY_SEQUENCE, sequence + 1);
        evict(now);
    }

    /**
     * Lets the oldest keys go while there are too many or they fell out of the window. A key older than one
     * known to be inside the window needs no look-up: keys are remembered in the order of their commands'
     * times, which never run backwards, so the oldest key is at least as young as any later one.
     */
    private void evict(long now) {
        for (int i = 0; i < EVICTIONS_PER_COMMAND; i++) {
            long oldest = state.counter(Counter.OLDEST_KEY_SEQUENCE);
            long next = state.counter(Counter.NEXT_KEY_SEQUENCE);
            if (oldest >= next) {
                return;
            }
            boolean withinCount = next - oldest <= maxKeys;
            if (withinCount && knownSequence >= 0 && knownSequence <= oldest
                && knownCreatedAtMillis > now - windowMillis) {
                return;
            }
            int keySize = readKeyBytes(oldest);
            if (keySize >= 0 && withinCount && state.idempotency().readByKeyBytes(keyBytes, keySize, stored)) {
                assert knownSequence < 0 || knownSequence > oldest || stored.createdAtMillis() >= knownCreatedAtMillis
                    : "idempotency keys out of time order at sequence " + oldest;
                if (stored.createdAtMillis() > now - windowMillis) {
                    knownSequence = oldest;
                    knownCreatedAtMillis = stored.createdAtMillis();
                    return;
                }
            }
            if (keySize >= 0) {
                state.idempotency().deleteByKeyBytes(keyBytes, keySize);
                state.keyOrder().deleteLongKey(oldest);
            }
            state.counter(Counter.OLDEST_KEY_SEQUENCE, oldest + 1);
        }
    }

    /** Copies the stored bytes of the key remembered at {@code sequence} into {@link #keyBytes}; -1 if none. */
    private int readKeyBytes(long sequence) {
        int size = state.keyOrder().readValueBytes(sequence, key);
        if (size > key.length) {
            key = new byte[size];
            keyBytes = BytesStore.wrap(key);
            size = state.keyOrder().readValueBytes(sequence, key);
        }
        return size;
    }

    /** Forgets what was learnt about keys' ages: the stores were rolled back or replaced. */
    void forgetKnownAges() {
        knownSequence = -1;
        knownCreatedAtMillis = 0;
    }

    /** A 64-bit FNV-1a hash of everything that makes two commands the same request. */
    static long contentHash(Command command) {
        long hash = FNV_OFFSET;
        hash = mix(hash, command.type().ordinal());
        if (command.type() != CommandType.ISSUE_CARD) {
            hash = mix(hash, command.cardNumber());
        }
        hash = mix(hash, command.amountMinor());
        hash = mix(hash, command.fullAmount() ? 1 : 0);
        hash = mix(hash, command.currency());
        hash = mix(hash, command.expiresOnEpochDay());
        hash = mix(hash, command.holdId());
        hash = mix(hash, command.transactionId());
        hash = mix(hash, command.holdSeconds());
        hash = mix(hash, command.billedSeconds());
        hash = mix(hash, command.credential().ordinal());
        hash = mix(hash, command.reference());
        hash = mix(hash, command.callId());
        hash = mix(hash, command.dialled());
        hash = mix(hash, command.ownerEmail());
        if (command.credential() == Credential.PIN && !command.pinGenerated()) {
            for (byte b : command.pinDigest()) {
                hash = (hash ^ (b & 0xFF)) * FNV_PRIME;
            }
        }
        return hash;
    }

    private static long mix(long hash, long value) {
        long result = hash;
        for (int shift = 0; shift < 64; shift += 8) {
            result = (result ^ (value >>> shift & 0xFF)) * FNV_PRIME;
        }
        return result;
    }

    private static long mix(long hash, String value) {
        if (value == null) {
            return mix(hash, -1L);
        }
        long result = mix(hash, value.length());
        for (int i = 0; i < value.length(); i++) {
            result = (result ^ value.charAt(i)) * FNV_PRIME;
        }
        return result;
    }
}
