package io.onecard.http.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onecard.http.CoreAccess;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge's meters: requests by route and status with a latency histogram, the ring's occupancy and
 * refusals, the edge's own overload answers, and connections.
 *
 * <p>Routes are tagged by template ({@code /v1/cards/{card_number}}), never by the path itself, so the number
 * of time series is bounded and no card number reaches a metric.
 */
final class ApiMetrics {
    private static final Duration HISTOGRAM_MIN = Duration.ofMillis(1);
    private static final Duration HISTOGRAM_MAX = Duration.ofSeconds(10);
    /** HTTP status codes are three digits; the server answers none above 599. */
    private static final int STATUS_CODES = 600;
    private static final long OVERLOAD_REPORT_INTERVAL_NANOS = 10_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiMetrics.class);

    private final MeterRegistry registry;
    /** Timers by route ordinal, then by status code: found without a boxed key or a hash lookup per request. */
    private final AtomicReferenceArray<Timer>[] timers = newTimerTable();
    private final Counter overloaded;
    private final Counter connectionsRefused;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicLong lastOverloadReportNanos =
        new AtomicLong(System.nanoTime() - OVERLOAD_REPORT_INTERVAL_NANOS);

    ApiMetrics(MeterRegistry registry, CoreAccess ledger) {
        this.registry = registry;
        this.overloaded = Counter.builder("onecard.http.overloaded")
            .description("Requests answered 503 overloaded because the ring was full")
            .register(registry);
        this.connectionsRefused = Counter.builder("onecard.http.connections.refused")
            .description("Connections closed at once because the connection limit was reached")
            .register(registry);
        Gauge.builder("onecard.http.connections.open", openConnections, AtomicInteger::get)
            .description("Open HTTP connections")
            .register(registry);
        Gauge.builder("onecard.ring.capacity", ledger.ringCapacity(), supplier -> supplier.getAsLong())
            .description("Slots in the command ring")
            .register(registry);
        Gauge.builder("onecard.ring.occupancy", ledger,
                access -> access.ringCapacity().getAsLong() - access.ringRemaining().getAsLong())
            .description("Commands in the ring, published and not yet answered")
            .register(registry);
        FunctionCounter.builder("onecard.ring.overloaded", ledger.overloadedCount(), supplier -> supplier.getAsLong())
            .description("Commands the ring refused because it was full")
            .register(registry);
    }

    /** Counts one answered request and its latency. */
    void recordRequest(Route route, int status, long nanos) {
        AtomicReferenceArray<Timer> byStatus = timers[route.ordinal()];
        Timer timer = byStatus.get(status);
        if (timer == null) {
            timer = Timer.builder("onecard.http.requests")
                .description("HTTP requests by route and status")
                .tag("route", route.template())
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(HISTOGRAM_MIN)
                .maximumExpectedValue(HISTOGRAM_MAX)
                .register(registry);
            byStatus.compareAndSet(status, null, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @SuppressWarnings("unchecked")
    private static AtomicReferenceArray<Timer>[] newTimerTable() {
        AtomicReferenceArray<Timer>[] table = new AtomicReferenceArray[Route.values().length];
        for (int i = 0; i < table.length; i++) {
            table[i] = new AtomicReferenceArray<>(STATUS_CODES);
        }
        return table;
    }

    /** Counts one overload answer, and tells the operator at most once per report interval. */
    void recordOverloaded() {
        overloaded.increment();
        long now = System.nanoTime();
        long last = lastOverloadReportNanos.get();
        if (now - last >= OVERLOAD_REPORT_INTERVAL_NANOS && lastOverloadReportNanos.compareAndSet(last, now)) {
            LOG.warn("the command ring is full: requests are answered 503 overloaded ({} so far)",
                (long) overloaded.count());
        }
    }

    /** Counts a new connection; false (and nothing counted as open) when the limit is reached. */
    boolean tryOpenConnection(int limit) {
        while (true) {
            int open = openConnections.get();
            if (open >= limit) {
                connectionsRefused.increment();
                return false;
            }
            if (openConnections.compareAndSet(open, open + 1)) {
                return true;
            }
        }
    }

    void connectionClosed() {
        openConnections.decrementAndGet();
    }

    int openConnections() {
        return openConnections.get();
    }

    /**
     * The Prometheus text of the registry (or of a Prometheus registry inside a composite one).
     *
     * @return the text, or {@code null} when no Prometheus registry is configured
     */
    String scrape() {
        PrometheusMeterRegistry prometheus = findPrometheus(registry);
        return prometheus == null ? null : prometheus.scrape();
    }

    private static PrometheusMeterRegistry findPrometheus(MeterRegistry candidate) {
        if (candidate instanceof PrometheusMeterRegistry prometheus) {
            return prometheus;
        }
        if (candidate instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry inner : composite.getRegistries()) {
                PrometheusMeterRegistry found = findPrometheus(inner);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
