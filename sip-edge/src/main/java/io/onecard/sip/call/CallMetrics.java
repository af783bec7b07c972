package io.onecard.sip.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The calling-card edge's meters, under {@code onecard.sip.*}.
 *
 * <ul>
 *   <li>{@code onecard.sip.challenges}: 407 challenges sent</li>
 *   <li>{@code onecard.sip.calls.offered}: INVITEs that came with credentials</li>
 *   <li>{@code onecard.sip.calls.answered}: calls the gateway answered</li>
 *   <li>{@code onecard.sip.calls.rejected{reason}}: calls that never talked, by reason</li>
 *   <li>{@code onecard.sip.calls.ended{reason}}: answered calls by how they ended; {@code reason=credit} is
 *       the calls cut off for credit</li>
 *   <li>{@code onecard.sip.calls.active}: calls in progress</li>
 *   <li>{@code onecard.sip.calls.per_second}: calls offered during the last whole second</li>
 * </ul>
 */
public final class CallMetrics {
    private final MeterRegistry registry;
    private final Counter challenges;
    private final Counter offered;
    private final Counter answered;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<EndReason, Counter> ended = new EnumMap<>(EndReason.class);
    private final AtomicLong perSecond = new AtomicLong();
    private long offeredAtLastSample;

    public CallMetrics(MeterRegistry registry, Supplier<Number> activeCalls) {
        this.registry = registry;
        this.challenges = Counter.builder("onecard.sip.challenges").description("407 challenges sent")
            .register(registry);
        this.offered = Counter.builder("onecard.sip.calls.offered").description("INVITEs with credentials")
            .register(registry);
        this.answered = Counter.builder("onecard.sip.calls.answered").description("calls answered")
            .register(registry);
        for (EndReason reason : EndReason.values()) {
            ended.put(reason, Counter.builder("onecard.sip.calls.ended").tag("reason", reason.apiName())
                .description("answered calls by how they ended").register(registry));
        }
        Gauge.builder("onecard.sip.calls.active", activeCalls).description("calls in progress").register(registry);
        Gauge.builder("onecard.sip.calls.per_second", perSecond, AtomicLong::get)
            .description("calls offered during the last second").register(registry);
    }

    void challenged() {
        challenges.increment();
    }

    void offered() {
        offered.increment();
    }

    void answered() {
        answered.increment();
    }

    /** A call refused before talking; {@code reason} is a short lower-case word. */
    void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("onecard.sip.calls.rejected").tag("reason", r)
            .description("calls refused or failed before answer").register(registry)).increment();
    }

    void ended(EndReason reason) {
        ended.get(reason).increment();
    }

    /** Called once a second by the edge's timer. */
    synchronized void sample() {
        long now = (long) offered.count();
        perSecond.set(now - offeredAtLastSample);
        offeredAtLastSample = now;
    }

    /** The count of calls refused for {@code reason}, for tests and status pages. */
    public double rejectedCount(String reason) {
        Counter counter = rejected.get(reason);
        return counter == null ? 0 : counter.count();
    }
}
