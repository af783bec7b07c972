package io.onecard.ops.config;

import io.onecard.http.HttpEdgeConfig;
import java.time.Duration;

/**
 * The HTTP edge's limits as configured: body, request line and header sizes, connections, requests in
 * flight per connection, the idle and read timeouts, the failed-attempt rate limit and the event-loop
 * threads. Each bound here is the edge's own ({@link HttpEdgeConfig#validate()}), checked at start with a
 * message that names the setting, so that a server never starts with a limit it cannot keep.
 *
 * @param maxBodyBytes largest request body; larger ones get 413
 * @param maxUriBytes longest request line; longer ones get 414
 * @param maxHeaderBytes largest header block; larger ones get 431
 * @param maxConnections open connections at most; one more is closed at once
 * @param maxPipelinedRequests requests one connection may have in flight before the server stops reading it
 * @param idleTimeout a connection without traffic and with nothing in flight is closed after this
 * @param readTimeout a request must arrive whole within this time of its first byte, else 408
 * @param failedAttemptLimit failed card or PIN attempts per client address and window before 429
 * @param failedAttemptWindow the window of the failed-attempt limit
 * @param maxTrackedClients client addresses the failed-attempt table remembers at most
 * @param ioThreads event-loop threads; zero means Netty's default (two per core)
 */
public record HttpLimits(
    int maxBodyBytes,
    int maxUriBytes,
    int maxHeaderBytes,
    int maxConnections,
    int maxPipelinedRequests,
    Duration idleTimeout,
    Duration readTimeout,
    int failedAttemptLimit,
    Duration failedAttemptWindow,
    int maxTrackedClients,
    int ioThreads) {

    /** Smallest body limit the edge accepts: room for any request of the API. */
    public static final long MIN_BODY_BYTES = 1024;
    /** Largest body limit the edge accepts. */
    public static final long MAX_BODY_BYTES = 16 * 1024 * 1024;

    static HttpLimits read(SettingReader reader) {
        return new HttpLimits(
            (int) reader.wholeNumber(Setting.HTTP_MAX_BODY_BYTES, MIN_BODY_BYTES, MAX_BODY_BYTES),
            (int) reader.wholeNumber(Setting.HTTP_MAX_URI_BYTES, 256, 65_536),
            (int) reader.wholeNumber(Setting.HTTP_MAX_HEADER_BYTES, 1024, 65_536),
            (int) reader.wholeNumber(Setting.HTTP_MAX_CONNECTIONS, 1, 1_000_000),
            (int) reader.wholeNumber(Setting.HTTP_MAX_PIPELINED_REQUESTS, 1, 1024),
            reader.duration(Setting.HTTP_IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(1)),
            reader.duration(Setting.HTTP_READ_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
            (int) reader.wholeNumber(Setting.HTTP_FAILED_ATTEMPT_LIMIT, 1, 1_000_000),
            reader.duration(Setting.HTTP_FAILED_ATTEMPT_WINDOW, Duration.ofSeconds(1), Duration.ofDays(1)),
            (int) reader.wholeNumber(Setting.HTTP_MAX_TRACKED_CLIENTS, 16, 10_000_000),
            (int) reader.wholeNumber(Setting.HTTP_IO_THREADS, 0, 256));
    }

    /** The edge's settings with these limits in place of its defaults. */
    public HttpEdgeConfig applyTo(HttpEdgeConfig edge) {
        return edge.withLimits(maxBodyBytes, maxUriBytes, maxHeaderBytes)
            .withConnections(maxConnections, maxPipelinedRequests)
            .withTimeouts(idleTimeout, readTimeout)
            .withFailedAttempts(failedAttemptLimit, failedAttemptWindow, maxTrackedClients)
            .withIoThreads(ioThreads);
    }
}
