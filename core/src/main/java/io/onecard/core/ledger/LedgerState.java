package io.onecard.core.ledger;

import io.onecard.core.CoreConfig;
import io.onecard.core.store.StateFile;
import io.onecard.core.store.Stores;
import io.onecard.core.store.Table;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Everything the ledger remembers, persisted in Chronicle Maps under {@code <data dir>/ledger}: cards, holds
 * and charges, history, idempotency keys, owners' e-mail addresses, and counters.
 *
 * <p>Sizes come from the configuration. Every store is bounded: cards and owners by {@code maxCards}, holds
 * and charges by the transaction retention plus the open-hold limit, history by its retention, keys by their
 * maximum count.
 */
public final class LedgerState implements AutoCloseable {
    private static final int HISTORY_SAMPLE_TEXT = 24;
    private static final double AVERAGE_KEY_BYTES = 48;
    private static final double AVERAGE_EMAIL_BYTES = 32;
    /** Room for uneven segments and longer-than-average values, beyond the configured entries. */
    private static final double MAX_BLOAT = 2.0;

    private final Stores stores;
    private final Table<Long, CardRecord> cards;
    private final Table<Long, TransactionRecord> transactions;
    private final Table<Long, HistoryRecord> history;
    private final Table<String, StoredResult> idempotency;
    private final Table<Long, String> keyOrder;
    private final Table<Long, String> owners;

    private LedgerState(Stores stores, CoreConfig config) {
        this.stores = stores;
        this.cards = stores.table("cards", ChronicleMapBuilder.of(Long.class, CardRecord.class)
            .entries(withSlack(config.maxCards()))
            .maxBloatFactor(MAX_BLOAT)
            .constantValueSizeBySample(new CardRecord()));
        this.transactions = stores.table("transactions", ChronicleMapBuilder.of(Long.class, TransactionRecord.class)
            .entries(withSlack(config.transactionRetention() + config.maxOpenHolds()))
            .maxBloatFactor(MAX_BLOAT)
            .constantValueSizeBySample(new TransactionRecord()));
        this.history = stores.table("history", ChronicleMapBuilder.of(Long.class, HistoryRecord.class)
            .entries(withSlack(config.historyRetention()))
            .maxBloatFactor(MAX_BLOAT)
            .averageValue(sampleHistory()));
        this.idempotency = stores.table("idempotency", ChronicleMapBuilder.of(String.class, StoredResult.class)
            .entries(withSlack(config.idempotencyMaxKeys()))
            .maxBloatFactor(MAX_BLOAT)
            .averageKeySize(AVERAGE_KEY_BYTES)
            .constantValueSizeBySample(new StoredResult()));
        this.keyOrder = stores.table("key-order", ChronicleMapBuilder.of(Long.class, String.class)
            .entries(withSlack(config.idempotencyMaxKeys()))
            .maxBloatFactor(MAX_BLOAT)
            .averageValueSize(AVERAGE_KEY_BYTES));
        this.owners = stores.table("owners", ChronicleMapBuilder.of(Long.class, String.class)
            .entries(withSlack(config.maxCards()))
            .maxBloatFactor(MAX_BLOAT)
            .averageValueSize(AVERAGE_EMAIL_BYTES));
    }

    /** Opens the ledger's stores in {@code <dataDir>/ledger}, rolling back a half-applied command. */
    public static LedgerState open(Path dataDir, CoreConfig config) {
        Stores stores = Stores.open(dataDir.resolve("ledger"));
        LedgerState state = new LedgerState(stores, config);
        stores.rollbackUnfinishedCommand();
        stores.markRunning();
        return state;
    }

    /** A quarter more room than the bound: hashing never fills segments evenly. */
    private static long withSlack(long bound) {
        return bound + bound / 4;
    }

    private static HistoryRecord sampleHistory() {
        HistoryRecord sample = new HistoryRecord();
        String text = "x".repeat(HISTORY_SAMPLE_TEXT);
        sample.details(text, text, "4420712345678", 0);
        return sample;
    }

    public Stores stores() {
        return stores;
    }

    public StateFile file() {
        return stores.state();
    }

    public Table<Long, CardRecord> cards() {
        return cards;
    }

    public Table<Long, TransactionRecord> transactions() {
        return transactions;
    }

    public Table<Long, HistoryRecord> history() {
        return history;
    }

    public Table<String, StoredResult> idempotency() {
        return idempotency;
    }

    public Table<Long, String> keyOrder() {
        return keyOrder;
    }

    /** Owners' e-mail addresses by card number, only for cards that have one. */
    public Table<Long, String> owners() {
        return owners;
    }

    public long counter(int counter) {
        return stores.state().counter(counter);
    }

    void counter(int counter, long value) {
        stores.state().counter(counter, value);
    }

    void add(int counter, long delta) {
        stores.state().counter(counter, stores.state().counter(counter) + delta);
    }

    /** The journal index of the last command applied to these stores. */
    public long lastAppliedIndex() {
        return stores.state().lastAppliedIndex();
    }

    /** Replaces this whole state with a snapshot's; the journal after its last applied index follows. */
    public void restore(DataInputStream in) throws IOException {
        stores.readSnapshot(in);
    }

    /** Every difference from another state, at most {@code limit}: for audits and replication checks. */
    public List<String> differences(LedgerState other, int limit) {
        return stores.differences(other.stores, Counter.NAMES, limit);
    }

    @Override
    public void close() {
        stores.close();
    }
}
