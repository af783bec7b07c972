package io.onecard.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the HTTP edge. Every setting has a default ({@link #defaults}); {@link #validate()} names the
 * first bad one, so that a server never starts with a limit it cannot keep.
 *
 * @param bindAddress address the server listens on ({@code 127.0.0.1} by default)
 * @param port TCP port; zero picks a free ephemeral port (tests)
 * @param adminKey the admin API key (may do everything)
 * @param gatewayKey the gateway API key (everything except issuing, blocking, unblocking and closing cards)
 * @param maxBodyBytes largest request body; larger ones get 413
 * @param maxUriBytes longest request line (method, URI and version); longer ones get 414
 * @param maxHeaderBytes largest header block; larger ones get 431
 * @param maxConnections open connections at most; one more is closed at once
 * @param maxPipelinedRequests requests one connection may have in flight before the server stops reading it
 * @param idleTimeout a connection with no traffic in either direction for this long is closed
 * @param readTimeout a request must arrive whole within this time from its first byte, or it gets 408
 * @param failedAttemptLimit failed card or PIN attempts one client address may make per window before 429
 * @param failedAttemptWindow the window over which failed attempts are counted
 * @param maxTrackedClients how many client addresses the failed-attempt counter remembers at most
 * @param ioThreads event-loop threads; zero means one per core
 * @param tlsCertificateChain PEM certificate chain for TLS, or {@code null} for plain HTTP
 * @param tlsPrivateKey PEM PKCS#8 private key for TLS, or {@code null} for plain HTTP
 */
public record HttpEdgeConfig(
    String bindAddress,
    int port,
    String adminKey,
    String gatewayKey,
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
    int ioThreads,
    Path tlsCertificateChain,
    Path tlsPrivateKey) {

    /** Default body limit: 16 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;
    /** Shortest API key accepted, so that a key cannot be guessed in a reasonable number of tries. */
    public static final int MIN_KEY_LENGTH = 16;
    /** Longest API key accepted. */
    public static final int MAX_KEY_LENGTH = 256;

    /** The built-in defaults with the given keys: loopback, port 8080, plain HTTP. */
    public static HttpEdgeConfig defaults(String adminKey, String gatewayKey) {
        return new HttpEdgeConfig("127.0.0.1", 8080, adminKey, gatewayKey, DEFAULT_MAX_BODY_BYTES, 4096, 8192,
            10_000, 16, Duration.ofSeconds(60), Duration.ofSeconds(10), 20, Duration.ofMinutes(10), 100_000, 0,
            null, null);
    }

    public HttpEdgeConfig withBind(String address, int portValue) {
        return new HttpEdgeConfig(address, portValue, adminKey, gatewayKey, maxBodyBytes, maxUriBytes,
            maxHeaderBytes, maxConnections, maxPipelinedRequests, idleTimeout, readTimeout, failedAttemptLimit,
            failedAttemptWindow, maxTrackedClients, ioThreads, tlsCertificateChain, tlsPrivateKey);
    }

    public HttpEdgeConfig withLimits(int bodyBytes, int uriBytes, int headerBytes) {
        return new HttpEdgeConfig(bindAddress, port, adminKey, gatewayKey, bodyBytes, uriBytes, headerBytes,
            maxConnections, maxPipelinedRequests, idleTimeout, readTimeout, failedAttemptLimit, failedAttemptWindow,
            maxTrackedClients, ioThreads, tlsCertificateChain, tlsPrivateKey);
    }

    public HttpEdgeConfig withConnections(int connections, int pipelinedRequests) {
        return new HttpEdgeConfig(bindAddress, port, adminKey, gatewayKey, maxBodyBytes, maxUriBytes,
            maxHeaderBytes, connections, pipelinedRequests, idleTimeout, readTimeout, failedAttemptLimit,
            failedAttemptWindow, maxTrackedClients, ioThreads, tlsCertificateChain, tlsPrivateKey);
    }

    public HttpEdgeConfig withTimeouts(Duration idle, Duration read) {
        return new HttpEdgeConfig(bindAddress, port, adminKey, gatewayKey, maxBodyBytes, maxUriBytes,
            maxHeaderBytes, maxConnections, maxPipelinedRequests, idle, read, failedAttemptLimit,
            failedAttemptWindow, maxTrackedClients, ioThreads, tlsCertificateChain, tlsPrivateKey);
    }

    public HttpEdgeConfig withFailedAttempts(int limit, Duration window, int trackedClients) {
        return new HttpEdgeConfig(bindAddress, port, adminKey, gatewayKey, maxBodyBytes, maxUriBytes,
            maxHeaderBytes, maxConnections, maxPipelinedRequests, idleTimeout, readTimeout, limit, window,
            trackedClients, ioThreads, tlsCertificateChain, tlsPrivateKey);
    }

    public HttpEdgeConfig withIoThreads(int threads) {
        return new HttpEdgeConfig(bindAddress, port, adminKey, gatewayKey, maxBodyBytes, maxUriBytes,
            maxHeaderBytes, maxConnections, maxPipelinedRequests, idleTimeout, readTimeout, failedAttemptLimit,
            failedAttemptWindow, maxTrackedClients, threads, tlsCertificateChain, tlsPrivateKey);
    }

    public HttpEdgeConfig withTls(Path certificateChain, Path privateKey) {
        return new HttpEdgeConfig(bindAddress, port, adminKey, gatewayKey, maxBodyBytes, maxUriBytes,
            maxHeaderBytes, maxConnections, maxPipelinedRequests, idleTimeout, readTimeout, failedAttemptLimit,
            failedAttemptWindow, maxTrackedClients, ioThreads, certificateChain, privateKey);
    }

    /** True when a certificate and key are configured. */
    public boolean tlsEnabled() {
        return tlsCertificateChain != null;
    }

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming the first setting that is out of range
     */
    public HttpEdgeConfig validate() {
        require(bindAddress != null && !bindAddress.isBlank(), "bind address must be set");
        require(port >= 0 && port <= 65_535, "port must be 0..65535");
        requireKey(adminKey, "admin key");
        requireKey(gatewayKey, "gateway key");
        require(!adminKey.equals(gatewayKey), "admin key and gateway key must differ");
        require(maxBodyBytes >= 1024 && maxBodyBytes <= 16 * 1024 * 1024, "max body bytes must be 1024..16777216");
        require(maxUriBytes >= 256 && maxUriBytes <= 65_536, "max URI bytes must be 256..65536");
        require(maxHeaderBytes >= 1024 && maxHeaderBytes <= 65_536, "max header bytes must be 1024..65536");
        require(maxConnections >= 1 && maxConnections <= 1_000_000, "max connections must be 1..1000000");
        require(maxPipelinedRequests >= 1 && maxPipelinedRequests <= 1024, "max pipelined requests must be 1..1024");
        require(isPositive(idleTimeout), "idle timeout must be positive");
        require(isPositive(readTimeout), "read timeout must be positive");
        require(failedAttemptLimit >= 1, "failed attempt limit must be >= 1");
        require(isPositive(failedAttemptWindow), "failed attempt window must be positive");
        require(maxTrackedClients >= 16, "max tracked clients must be >= 16");
        require(ioThreads >= 0 && ioThreads <= 256, "io threads must be 0..256");
        require((tlsCertificateChain == null) == (tlsPrivateKey == null),
            "TLS needs both a certificate chain and a private key, or neither");
        return this;
    }

    private static void requireKey(String key, String name) {
        Objects.requireNonNull(key, name);
        require(key.length() >= MIN_KEY_LENGTH && key.length() <= MAX_KEY_LENGTH,
            name + " must have " + MIN_KEY_LENGTH + ".." + MAX_KEY_LENGTH + " characters");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            require(c > ' ' && c < 0x7F, name + " must be printable ASCII without spaces");
        }
    }

    private static boolean isPositive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
