package io.onecard.sip;

import io.onecard.sip.rating.RateTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the calling-card edge. Every setting has a default ({@link #defaults(Path)}); {@link #validate()}
 * names the first one out of range.
 *
 * @param bindAddress the address the edge listens on, UDP and TCP
 * @param port the SIP port, UDP and TCP; 0 is not allowed because callers must know it
 * @param gateway where accepted calls are bridged, e.g. {@code sip:127.0.0.1:5080}; empty: calls get 503
 * @param rates the destination rates
 * @param maxCallDuration the longest any answered call may last, whatever its credit
 * @param nonceLifetime how long a digest nonce may be used
 * @param dataDir where call records are written, under {@code cdr/}
 * @param ringTimeout how long the gateway may ring before the call is cancelled
 * @param holdMargin how far a call's hold outlives its paid time, so that a lost edge's holds still expire
 * @param extendLead how long before the paid time ends the next increment is bought
 * @param retryAfter the {@code Retry-After} of a 503
 * @param stackThreads threads of the SIP stack
 * @param workerThreads threads that run call logic
 * @param maxCalls calls in progress at most (from the first authenticated INVITE to the settlement); one more
 *     gets 503 with {@code Retry-After}
 */
public record SipEdgeConfig(
    String bindAddress,
    int port,
    Optional<String> gateway,
    RateTable rates,
    Duration maxCallDuration,
    Duration nonceLifetime,
    Path dataDir,
    Duration ringTimeout,
    Duration holdMargin,
    Duration extendLead,
    Duration retryAfter,
    int stackThreads,
    int workerThreads,
    int maxCalls) {

    /** The longest maximum call duration that may be configured. */
    public static final Duration MAX_CALL_DURATION_LIMIT = Duration.ofHours(24);

    /** The most calls in progress that may be configured. */
    public static final int MAX_CALLS_LIMIT = 1_000_000;

    /**
     * Defaults: loopback, port 5060, no gateway, the demo rates, calls up to 4 hours, nonces for 60 s, 10,000
     * calls at once.
     */
    public static SipEdgeConfig defaults(Path dataDir) {
        return new SipEdgeConfig("127.0.0.1", 5060, Optional.empty(), RateTable.demo(), Duration.ofHours(4),
            Duration.ofSeconds(60), dataDir, Duration.ofSeconds(120), Duration.ofSeconds(30), Duration.ofSeconds(3),
            Duration.ofSeconds(5), 8, 2, 10_000);
    }

    public SipEdgeConfig withBind(String address, int value) {
        return new SipEdgeConfig(address, value, gateway, rates, maxCallDuration, nonceLifetime, dataDir,
            ringTimeout, holdMargin, extendLead, retryAfter, stackThreads, workerThreads, maxCalls);
    }

    public SipEdgeConfig withGateway(String value) {
        return new SipEdgeConfig(bindAddress, port, Optional.ofNullable(value), rates, maxCallDuration,
            nonceLifetime, dataDir, ringTimeout, holdMargin, extendLead, retryAfter, stackThreads, workerThreads,
            maxCalls);
    }

    public SipEdgeConfig withRates(RateTable value) {
        return new SipEdgeConfig(bindAddress, port, gateway, value, maxCallDuration, nonceLifetime, dataDir,
            ringTimeout, holdMargin, extendLead, retryAfter, stackThreads, workerThreads, maxCalls);
    }

    public SipEdgeConfig withMaxCallDuration(Duration value) {
        return new SipEdgeConfig(bindAddress, port, gateway, rates, value, nonceLifetime, dataDir, ringTimeout,
            holdMargin, extendLead, retryAfter, stackThreads, workerThreads, maxCalls);
    }

    public SipEdgeConfig withNonceLifetime(Duration value) {
        return new SipEdgeConfig(bindAddress, port, gateway, rates, maxCallDuration, value, dataDir, ringTimeout,
            holdMargin, extendLead, retryAfter, stackThreads, workerThreads, maxCalls);
    }

    public SipEdgeConfig withRingTimeout(Duration value) {
        return new SipEdgeConfig(bindAddress, port, gateway, rates, maxCallDuration, nonceLifetime, dataDir, value,
            holdMargin, extendLead, retryAfter, stackThreads, workerThreads, maxCalls);
    }

    public SipEdgeConfig withHoldMargin(Duration value) {
        return new SipEdgeConfig(bindAddress, port, gateway, rates, maxCallDuration, nonceLifetime, dataDir,
            ringTimeout, value, extendLead, retryAfter, stackThreads, workerThreads, maxCalls);
    }

    public SipEdgeConfig withThreads(int stack, int workers) {
        return new SipEdgeConfig(bindAddress, port, gateway, rates, maxCallDuration, nonceLifetime, dataDir,
            ringTimeout, holdMargin, extendLead, retryAfter, stack, workers, maxCalls);
    }

    public SipEdgeConfig withMaxCalls(int value) {
        return new SipEdgeConfig(bindAddress, port, gateway, rates, maxCallDuration, nonceLifetime, dataDir,
            ringTimeout, holdMargin, extendLead, retryAfter, stackThreads, workerThreads, value);
    }

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming the first setting that is out of range
     */
    public SipEdgeConfig validate() {
        require(bindAddress != null && !bindAddress.isBlank(), "SIP bind address must be set");
        require(port >= 1 && port <= 65_535, "SIP port must be 1..65535");
        Objects.requireNonNull(gateway, "gateway");
        require(gateway.isEmpty() || gateway.get().startsWith("sip:"), "SIP gateway must be a sip: URI");
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(dataDir, "data dir");
        require(isBetween(maxCallDuration, Duration.ofSeconds(1), MAX_CALL_DURATION_LIMIT),
            "max call duration must be 1s..24h");
        require(isBetween(nonceLifetime, Duration.ofSeconds(1), Duration.ofHours(1)), "nonce lifetime must be 1s..1h");
        require(isBetween(ringTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10)), "ring timeout must be 1s..10m");
        require(isBetween(holdMargin, Duration.ofSeconds(1), Duration.ofHours(1)), "hold margin must be 1s..1h");
        require(isBetween(extendLead, Duration.ofMillis(100), Duration.ofMinutes(1)), "extend lead must be 100ms..1m");
        require(isBetween(retryAfter, Duration.ofSeconds(1), Duration.ofHours(1)), "retry-after must be 1s..1h");
        require(stackThreads >= 1 && stackThreads <= 256, "SIP stack threads must be 1..256");
        require(workerThreads >= 1 && workerThreads <= 256, "SIP worker threads must be 1..256");
        require(maxCalls >= 1 && maxCalls <= MAX_CALLS_LIMIT, "SIP max calls must be 1.." + MAX_CALLS_LIMIT);
        return this;
    }

    private static boolean isBetween(Duration value, Duration lowest, Duration highest) {
        return value != null && value.compareTo(lowest) >= 0 && value.compareTo(highest) <= 0;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
