package io.onecard.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-address failure counter: limit, window and bound. */
class FailedAttemptsTest {
    private static final long WINDOW_NANOS = 1_000;

    private final AtomicLong clock = new AtomicLong();
    private final FailedAttempts attempts = new FailedAttempts(3, WINDOW_NANOS, 16, clock::get);

    @Test
    void shouldBlockAtTheLimitAndForgetAfterTheWindow() throws UnknownHostException {
        InetAddress client = InetAddress.getByName("127.0.0.2");
        attempts.recordFailure(client);
        attempts.recordFailure(client);
        assertThat(attempts.isBlocked(client)).isFalse();

        attempts.recordFailure(client);
        assertThat(attempts.isBlocked(client)).isTrue();
        assertThat(attempts.isBlocked(InetAddress.getByName("127.0.0.3"))).isFalse();

        clock.addAndGet(WINDOW_NANOS);
        assertThat(attempts.isBlocked(client)).isFalse();
    }

    @Test
    void shouldStayWithinItsBoundWhateverTheNumberOfAddresses() throws UnknownHostException {
        for (int i = 0; i < 1_000; i++) {
            attempts.recordFailure(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}));
        }

        assertThat(attempts.trackedClients()).isLessThanOrEqualTo(16);
    }
}
