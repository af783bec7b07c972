package io.onecard.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.ops.cli.ExitCodes;
import io.onecard.ops.testing.ChildMain;
import io.onecard.ops.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real process exits non-zero on a refused configuration, before it touches the data directory. */
class MainProcessExitTest {
    @TempDir
    Path dir;

    @Test
    void shouldExitWithConfigCodeAndNameTheSettingWhenServeGetsABadValue() throws Exception {
        Path dataDir = dir.resolve("data");
        try (Processes serve = Processes.start(ChildMain.builder(Map.of("ONECARD_DATA_DIR", dataDir.toString(),
            "ONECARD_RING_SIZE", "1000"), "serve"))) {
            int code = serve.awaitExit(Duration.ofMinutes(2));

            assertThat(code).as(serve.transcript()).isEqualTo(ExitCodes.CONFIG);
            assertThat(serve.err()).contains("ring.size").contains("ONECARD_RING_SIZE").contains("power of two");
            assertThat(Files.exists(dataDir)).isFalse();
        }
    }

    @Test
    void shouldExitWithConfigCodeOnUnknownKeyInFile() throws Exception {
        Path file = Files.writeString(dir.resolve("onecard.conf"), "htp.port = 8080\n");
        try (Processes serve = Processes.start(ChildMain.builder(Map.of("ONECARD_DATA_DIR",
            dir.resolve("data").toString()), "--config", file.toString(), "serve"))) {
            int code = serve.awaitExit(Duration.ofMinutes(2));

            assertThat(code).as(serve.transcript()).isEqualTo(ExitCodes.CONFIG);
            assertThat(serve.err()).contains("onecard.conf:1").contains("htp.port");
        }
    }

    @Test
    void shouldExitWithUsageCodeOnUnknownCommand() throws IOException, InterruptedException {
        try (Processes run = Processes.start(ChildMain.builder(Map.of(), "frobnicate"))) {
            assertThat(run.awaitExit(Duration.ofMinutes(2))).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        }
    }
}
