package io.onecard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The primitive-key and raw-byte methods of {@link Table} must reach exactly the entries of the boxed ones:
 * a store written by either is read by the other, and a rollback puts back what either changed.
 */
class TableTest {
    @TempDir
    Path dir;

    private static Table<Long, String> longTable(Stores stores) {
        return stores.table("numbers", ChronicleMapBuilder.of(Long.class, String.class).entries(64)
            .averageValueSize(16));
    }

    @Test
    void shouldFindWithAPrimitiveKeyWhatABoxedKeyWrote() {
        try (Stores stores = Stores.open(dir)) {
            Table<Long, String> table = longTable(stores);
            table.write(Long.valueOf(-7L), "boxed");
            table.writeLongKey(1L << 40, "primitive");
            assertThat(table.containsLongKey(-7L)).isTrue();
            assertThat(table.get(1L << 40)).isEqualTo("primitive");
            assertThat(table.contains(Long.valueOf(1L << 40))).isTrue();
            table.deleteLongKey(-7L);
            assertThat(table.contains(Long.valueOf(-7L))).isFalse();
            assertThat(table.size()).isEqualTo(1);
        }
    }

    @Test
    void shouldUseAStoredStringValueAsTheKeyOfAnotherTable() {
        try (Stores stores = Stores.open(dir)) {
            Table<Long, String> order = longTable(stores);
            Table<String, Long> byKey = stores.table("keys", ChronicleMapBuilder.of(String.class, Long.class)
                .entries(64).averageKeySize(16));
            String key = "gw:clé-ümlaut-€";
            order.writeLongKey(3L, key);
            byKey.write(key, 42L);
            byte[] target = new byte[64];
            int size = order.readValueBytes(3L, target);
            assertThat(size).isEqualTo(key.getBytes(StandardCharsets.UTF_8).length);
            assertThat(order.readValueBytes(4L, target)).isEqualTo(-1);
            assertThat(order.readValueBytes(3L, new byte[2])).isEqualTo(size);
            byKey.deleteByKeyBytes(BytesStore.wrap(target), size);
            assertThat(byKey.contains(key)).isFalse();
        }
    }

    @Test
    void shouldDeleteUnlessTheEntryIsToBeKeptInOneLookup() {
        try (Stores stores = Stores.open(dir)) {
            Table<Long, String> table = longTable(stores);
            table.write(1L, "open");
            table.write(2L, "closed");
            assertThat(table.deleteUnless(1L, null, "open"::equals)).isFalse();
            assertThat(table.deleteUnless(2L, null, "open"::equals)).isTrue();
            assertThat(table.deleteUnless(3L, null, "open"::equals)).isFalse();
            assertThat(table.containsLongKey(1L)).isTrue();
            assertThat(table.containsLongKey(2L)).isFalse();
        }
    }

    @Test
    void shouldRollBackWhatThePrimitiveKeyMethodsChanged() {
        try (Stores stores = Stores.open(dir)) {
            Table<Long, String> table = longTable(stores);
            table.write(1L, "before");
            table.write(2L, "kept");
            stores.state().lastAppliedIndex(10);
            stores.state().beginUndo(11);
            table.writeLongKey(1L, "after");
            table.deleteUnless(2L, null, value -> false);
            table.writeLongKey(3L, "new");
            assertThat(stores.rollbackUnfinishedCommand()).isEqualTo(11);
            assertThat(table.get(1L)).isEqualTo("before");
            assertThat(table.get(2L)).isEqualTo("kept");
            assertThat(table.containsLongKey(3L)).isFalse();
        }
    }
}
