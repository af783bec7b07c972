package io.onecard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepItsHeaderWhenATableIsWrittenBeforeAnyCommandBegan() {
        try (Stores stores = Stores.open(dir.resolve("stores"))) {
            Table<Long, Long> table = stores.table("t", ChronicleMapBuilder.of(Long.class, Long.class).entries(16));
            table.write(1L, 2L);
        }
        try (Stores stores = Stores.open(dir.resolve("stores"))) {
            Table<Long, Long> table = stores.table("t", ChronicleMapBuilder.of(Long.class, Long.class).entries(16));
            assertThat(table.get(1L)).isEqualTo(2L);
            assertThat(stores.state().wasShutDownCleanly()).isTrue();
        }
    }

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
