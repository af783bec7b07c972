package io.onecard.core.ledger;

/**
 * Remembers the first result of every command sent with an idempotency key.
 *
 * <p>A retry with the same key and the same content gets the first result again, failures included, and
 * changes nothing; the same key with other content is a conflict. Keys are kept at least for the configured
 * window and at most up to the configured count: the oldest go first, at most two per command, so the work
 * per command stays bounded. Time is the commands' own, so replays evict exactly as the first run did.
 */
final class IdempotencyKeys {
    private static final int EVICTIONS_PER_COMMAND = 2;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final LedgerState state;
    private final long windowMillis;
    private final long maxKeys;
    private final StoredResult stored = new StoredResult();
    private long contentHash;

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
        state.keyOrder().write(sequence, command.idempotencyKey());
        state.counter(Counter.NEXT_KEY_SEQUENCE, sequence + 1);
        evict(now);
    }

    private void evict(long now) {
        for (int i = 0; i < EVICTIONS_PER_COMMAND; i++) {
            long oldest = state.counter(Counter.OLDEST_KEY_SEQUENCE);
            long next = state.counter(Counter.NEXT_KEY_SEQUENCE);
            if (oldest >= next) {
                return;
            }
            String key = state.keyOrder().get(oldest);
            if (key != null && next - oldest <= maxKeys) {
                if (state.idempotency().read(key, stored) && stored.createdAtMillis() > now - windowMillis) {
                    return;
                }
            }
            if (key != null) {
                state.idempotency().delete(key);
                state.keyOrder().delete(oldest);
            }
            state.counter(Counter.OLDEST_KEY_SEQUENCE, oldest + 1);
        }
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
