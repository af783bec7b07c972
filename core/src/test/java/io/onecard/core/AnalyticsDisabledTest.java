package io.onecard.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.testing.ChildJvm;
import io.onecard.core.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronicle's usage analytics stay off: the flag is set in every test JVM, and a OneCard JVM started with
 * our options leaves no analytics client id in its home directory. Without the flag the same start writes
 * one, so the check can tell the two apart. Both children run outside JUnit (Chronicle mutes analytics
 * under a test framework) and send any web request to a closed loopback port, so nothing leaves the host.
 */
class AnalyticsDisabledTest {
    @TempDir
    Path home;

    @Test
    void shouldRunEveryTestJvmWithAnalyticsDisabled() {
        assertThat(System.getProperty("chronicle.analytics.disable")).isEqualTo("true");
    }

    @Test
    void shouldLeaveNoAnalyticsTraceWhenOneCardStarts() throws Exception {
        Path withFlag = home.resolve("with-flag");
        Files.createDirectories(withFlag);
        assertThat(run(withFlag, List.of())).isZero();
        assertThat(analyticsFiles(withFlag)).isEmpty();
    }

    @Test
    void shouldDetectAnalyticsWhenTheFlagIsMissing() throws Exception {
        Path withoutFlag = home.resolve("without-flag");
        Files.createDirectories(withoutFlag);
        run(withoutFlag, List.of("-Dchronicle.analytics.disable=true"));
        assertThat(analyticsFiles(withoutFlag)).isNotEmpty();
    }

    /** Runs a OneCard start outside any test framework (Chronicle mutes analytics under JUnit). */
    private int run(Path userHome, List<String> dropOptions) throws Exception {
        List<String> options = List.of("-Duser.home=" + userHome, "-Dhttps.proxyHost=127.0.0.1",
            "-Dhttps.proxyPort=9", "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9");
        Process child = ChildJvm.plainBuilder(OpenAndClose.class, dropOptions, options,
            userHome.resolve("data").toString()).redirectErrorStream(true)
            .redirectOutput(userHome.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return child.exitValue();
    }

    private static List<Path> analyticsFiles(Path userHome) throws Exception {
        try (Stream<Path> files = Files.walk(userHome)) {
            return files.filter(path -> path.getFileName().toString().contains("chronicle.analytics")).toList();
        }
    }

    /** Opens a OneCard core in the given data directory and closes it. */
    public static final class OpenAndClose {
        public static void main(String[] args) {
            try (OneCardCore core = OneCardCore.open(TestConfigs.small(Path.of(args[0])))) {
                if (!core.isRecovered()) {
                    throw new IllegalStateException("not recovered");
                }
            }
        }
    }
}
