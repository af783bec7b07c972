package io.onecard.ops.config;

import io.onecard.http.HttpEdgeConfig;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Reads the HTTP edge's limits from the settings: body, request line and header sizes, connections, requests
 * in flight per connection, the idle and read timeouts, the failed-attempt rate limit and the event-loop
 * threads. Each bound here is the edge's own ({@link HttpEdgeConfig#validate()}), checked at start with a
 * message that names the setting, so that a server never starts with a limit it cannot keep. The values
 * live in {@link HttpEdgeConfig} only: what is read here is the change to the edge's defaults.
 */
final class HttpLimits {
    /** Smallest body limit the edge accepts: room for any request of the API. */
    static final long MIN_BODY_BYTES = 1024;
    /** Largest body limit the edge accepts. */
    static final long MAX_BODY_BYTES = 16 * 1024 * 1024;

    private HttpLimits() {
    }

    /** The configured limits, as a change that puts them in place of the edge's defaults. */
    static UnaryOperator<HttpEdgeConfig> read(SettingReader reader) {
        int maxBodyBytes = (int) reader.wholeNumber(Setting.HTTP_MAX_BODY_BYTES, MIN_BODY_BYTES, MAX_BODY_BYTES);
        int maxUriBytes = (int) reader.wholeNumber(Setting.HTTP_MAX_URI_BYTES, 256, 65_536);
        int maxHeaderBytes = (int) reader.wholeNumber(Setting.HTTP_MAX_HEADER_BYTES, 1024, 65_536);
        int maxConnections = (int) reader.wholeNumber(Setting.HTTP_MAX_CONNECTIONS, 1, 1_000_000);
        int maxPipelinedRequests = (int) reader.wholeNumber(Setting.HTTP_MAX_PIPELINED_REQUESTS, 1, 1024);
        Duration idleTimeout = reader.duration(Setting.HTTP_IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(1));
        Duration readTimeout = reader.duration(Setting.HTTP_READ_TIMEOUT, Duration.ofMillis(100),
            Duration.ofHours(1));
        int failedAttemptLimit = (int) reader.wholeNumber(Setting.HTTP_FAILED_ATTEMPT_LIMIT, 1, 1_000_000);
        Duration failedAttemptWindow = reader.duration(Setting.HTTP_FAILED_ATTEMPT_WINDOW, Duration.ofSeconds(1),
            Duration.ofDays(1));
        int maxTrackedClients = (int) reader.wholeNumber(Setting.HTTP_MAX_TRACKED_CLIENTS, 16, 10_000_000);
        int ioThreads = (int) reader.wholeNumber(Setting.HTTP_IO_THREADS, 0, 256);
        return edge -> edge.withLimits(maxBodyBytes, maxUriBytes, maxHeaderBytes)
            .withConnections(maxConnections, maxPipelinedRequests)
            .withTimeouts(idleTimeout, readTimeout)
            .withFailedAttempts(failedAttemptLimit, failedAttemptWindow, maxTrackedClients)
            .withIoThreads(ioThreads);
    }
}
