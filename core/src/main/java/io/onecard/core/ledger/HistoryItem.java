package io.onecard.core.ledger;

/**
 * One entry of a card's history, as a query returns it. A reusable slot: its fields are overwritten for
 * every query, so readers copy what they keep.
 */
public final class HistoryItem {
    private long historyId;
    private long id;
    private TransactionType type;
    private long amountMinor;
    private long balanceAfter;
    private long availableAfter;
    private long createdAtMillis;
    private Channel channel;
    private String reference;
    private String callId;
    private String dialled;
    private long billedSeconds;

    void set(long historyIdValue, HistoryRecord record) {
        historyId = historyIdValue;
        id = record.id();
        type = TransactionType.ofCode(record.typeCode());
        amountMinor = record.amountMinor();
        balanceAfter = record.balanceAfter();
        availableAfter = record.availableAfter();
        createdAtMillis = record.createdAtMillis();
        channel = Channel.ofCode(record.channelCode());
        reference = record.reference();
        callId = record.callId();
        dialled = record.dialled();
        billedSeconds = record.billedSeconds();
    }

    /** The entry's place in the history store; pages are cut by it. */
    public long historyId() {
        return historyId;
    }

    /** The transaction, authorization or refund id the API returned for the operation. */
    public long id() {
        return id;
    }

    public TransactionType type() {
        return type;
    }

    public long amountMinor() {
        return amountMinor;
    }

    public long balanceAfter() {
        return balanceAfter;
    }

    public long availableAfter() {
        return availableAfter;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public Channel channel() {
        return channel;
    }

    /** The description or reference given with the operation; empty when none. */
    public String reference() {
        return reference;
    }

    /** For a {@code call}: the call's id; empty otherwise. */
    public String callId() {
        return callId;
    }

    /** For a {@code call}: the dialled number; empty otherwise. */
    public String dialled() {
        return dialled;
    }

    public long billedSeconds() {
        return billedSeconds;
    }
}
