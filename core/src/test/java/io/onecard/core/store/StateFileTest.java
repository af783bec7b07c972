package io.onecard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldRememberACleanShutdownAcrossOpens() {
        try (StateFile state = StateFile.open(dir.resolve("s"))) {
            state.markRunning();
            state.counter(3, 42);
            state.markClean();
        }
        try (StateFile state = StateFile.open(dir.resolve("s"))) {
            assertThat(state.counter(3)).isEqualTo(42);
            assertThat(state.wasShutDownCleanly()).isTrue();
            state.markRunning();
        }
        try (StateFile state = StateFile.open(dir.resolve("s"))) {
            assertThat(state.wasShutDownCleanly()).isFalse();
        }
    }
}
