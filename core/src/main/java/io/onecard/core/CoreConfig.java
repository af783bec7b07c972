package io.onecard.core;

import io.onecard.core.ring.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the master database. Every setting has a default; {@link #validate()} names the first bad one.
 *
 * @param dataDir where the journal, the stores and the PIN secret live
 * @param durability {@code sync} (forced per batch) or {@code async}
 * @param ringSize slots in the ring, a power of two
 * @param waitStrategy {@code blocking}, {@code sleeping}, {@code yielding} or {@code busy-spin}
 * @param issuerPrefix digits that begin every card number drawn here
 * @param maxCards how many cards the card store is sized for
 * @param maxOpenHolds how many holds may be open at once
 * @param transactionRetention how many recent holds and charges are kept for capture, void and refund
 * @param historyRetention how many recent history entries (across all cards) are kept
 * @param idempotencyWindow how long an idempotency key is remembered at least (unless the count is reached)
 * @param idempotencyMaxKeys how many idempotency keys are remembered at most
 * @param maxHoldDuration the longest a hold may run before it expires
 * @param expiryInterval how often the expiry timer asks the ledger to expire due holds
 */
public record CoreConfig(
    Path dataDir,
    Durability durability,
    int ringSize,
    String waitStrategy,
    String issuerPrefix,
    long maxCards,
    long maxOpenHolds,
    long transactionRetention,
    long historyRetention,
    Duration idempotencyWindow,
    long idempotencyMaxKeys,
    Duration maxHoldDuration,
    Duration expiryInterval) {

    private static final List<String> WAIT_STRATEGIES = List.of("blocking", "sleeping", "yielding", "busy-spin");

    /** The built-in defaults, with the given data directory. */
    public static CoreConfig defaults(Path dataDir) {
        return new CoreConfig(dataDir, Durability.SYNC, 16_384, "blocking", "900000", 1_000_000, 100_000,
            2_000_000, 5_000_000, Duration.ofHours(24), 1_000_000, Duration.ofDays(7), Duration.ofSeconds(1));
    }

    public CoreConfig withDataDir(Path value) {
        return new CoreConfig(value, durability, ringSize, waitStrategy, issuerPrefix, maxCards, maxOpenHolds,
            transactionRetention, historyRetention, idempotencyWindow, idempotencyMaxKeys, maxHoldDuration,
            expiryInterval);
    }

    public CoreConfig withDurability(Durability value) {
        return new CoreConfig(dataDir, value, ringSize, waitStrategy, issuerPrefix, maxCards, maxOpenHolds,
            transactionRetention, historyRetention, idempotencyWindow, idempotencyMaxKeys, maxHoldDuration,
            expiryInterval);
    }

    public CoreConfig withRingSize(int value) {
        return new CoreConfig(dataDir, durability, value, waitStrategy, issuerPrefix, maxCards, maxOpenHolds,
            transactionRetention, historyRetention, idempotencyWindow, idempotencyMaxKeys, maxHoldDuration,
            expiryInterval);
    }

    public CoreConfig withWaitStrategy(String value) {
        return new CoreConfig(dataDir, durability, ringSize, value, issuerPrefix, maxCards, maxOpenHolds,
            transactionRetention, historyRetention, idempotencyWindow, idempotencyMaxKeys, maxHoldDuration,
            expiryInterval);
    }

    public CoreConfig withIssuerPrefix(String value) {
        return new CoreConfig(dataDir, durability, ringSize, waitStrategy, value, maxCards, maxOpenHolds,
            transactionRetention, historyRetention, idempotencyWindow, idempotencyMaxKeys, maxHoldDuration,
            expiryInterval);
    }

    public CoreConfig withCapacity(long cards, long openHolds, long transactions, long history, long idempotencyKeys) {
        return new CoreConfig(dataDir, durability, ringSize, waitStrategy, issuerPrefix, cards, openHolds,
            transactions, history, idempotencyWindow, idempotencyKeys, maxHoldDuration, expiryInterval);
    }

    public CoreConfig withIdempotencyWindow(Duration value) {
        return new CoreConfig(dataDir, durability, ringSize, waitStrategy, issuerPrefix, maxCards, maxOpenHolds,
            transactionRetention, historyRetention, value, idempotencyMaxKeys, maxHoldDuration, expiryInterval);
    }

    public CoreConfig withExpiryInterval(Duration value) {
        return new CoreConfig(dataDir, durability, ringSize, waitStrategy, issuerPrefix, maxCards, maxOpenHolds,
            transactionRetention, historyRetention, idempotencyWindow, idempotencyMaxKeys, maxHoldDuration, value);
    }

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming the first setting that is out of range
     */
    public CoreConfig validate() {
        Objects.requireNonNull(dataDir, "data dir");
        Objects.requireNonNull(durability, "durability");
        require(ringSize >= 64 && Integer.bitCount(ringSize) == 1, "ring size must be a power of two >= 64");
        require(waitStrategy != null && WAIT_STRATEGIES.contains(waitStrategy),
            "wait strategy must be one of " + WAIT_STRATEGIES);
        require(issuerPrefix != null && issuerPrefix.matches("[1-9][0-9]{0,7}"),
            "issuer prefix must be 1 to 8 digits not starting with 0");
        require(maxCards >= 16 && maxCards <= 1_000_000_000L, "max cards must be 16..1000000000");
        require(maxOpenHolds >= 16 && maxOpenHolds <= 100_000_000L, "max open holds must be 16..100000000");
        require(transactionRetention >= 16, "transaction retention must be >= 16");
        require(historyRetention >= 16, "history retention must be >= 16");
        require(idempotencyMaxKeys >= 16, "idempotency max keys must be >= 16");
        require(idempotencyWindow != null && !idempotencyWindow.isNegative() && !idempotencyWindow.isZero(),
            "idempotency window must be positive");
        require(maxHoldDuration != null && maxHoldDuration.toSeconds() >= 1, "max hold duration must be >= 1s");
        require(expiryInterval != null && expiryInterval.toMillis() >= 10, "expiry interval must be >= 10ms");
        return this;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
