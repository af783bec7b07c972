package io.onecard.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onecard.sip.SipEdgeConfig;
import io.onecard.sip.call.CallingCardServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLoggingTest {
    @Test
    void shouldRunTheSipStackWithoutAnyLog4jClass(@TempDir Path dir) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CallingCardServer server = new CallingCardServer(SipEdgeConfig.defaults(dir).withBind("127.0.0.1", port),
            (writer, listener) -> false, () -> true, new SimpleMeterRegistry());
        server.start();
        try {
            assertThatThrownBy(() -> Class.forName("org.apache.log4j.Logger"))
                .isInstanceOf(ClassNotFoundException.class);
            assertThat(ClassLoader.getSystemResource("org/apache/log4j/Logger.class")).isNull();
        } finally {
            server.close();
        }
    }

    @Test
    void shouldMaskCardNumbersAndCutLongStackMessages() {
        String message = "username=\"9000001234567897\" " + "x".repeat(1_000);

        String logged = Slf4jStackLogger.sanitize(message);

        assertThat(logged).contains("900000******7897").doesNotContain("9000001234567897")
            .hasSizeLessThan(Slf4jStackLogger.MAX_MESSAGE_LENGTH + 40);
    }
}
