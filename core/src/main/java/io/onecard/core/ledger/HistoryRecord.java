package io.onecard.core.ledger;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;

/**
 * One entry in the history store. Entries of one card are chained newest to oldest by
 * {@link #previousHistoryId()}; the card record points at the newest. Immutable once written: corrections
 * are new entries, never edits.
 */
public final class HistoryRecord implements BytesMarshallable {
    private long cardNumber;
    private long previousHistoryId;
    private long id;
    private byte typeCode;
    private byte channelCode;
    private long amountMinor;
    private long balanceAfter;
    private long availableAfter;
    private long createdAtMillis;
    private long billedSeconds;
    private String reference = "";
    private String callId = "";
    private String dialled = "";

    @Override
    public void readMarshallable(BytesIn<?> in) {
        cardNumber = in.readLong();
        previousHistoryId = in.readLong();
        id = in.readLong();
        typeCode = in.readByte();
        channelCode = in.readByte();
        amountMinor = in.readLong();
        balanceAfter = in.readLong();
        availableAfter = in.readLong();
        createdAtMillis = in.readLong();
        billedSeconds = in.readLong();
        reference = in.readUtf8();
        callId = in.readUtf8();
        dialled = in.readUtf8();
    }

    @Override
    public void writeMarshallable(BytesOut<?> out) {
        out.writeLong(cardNumber);
        out.writeLong(previousHistoryId);
        out.writeLong(id);
        out.writeByte(typeCode);
        out.writeByte(channelCode);
        out.writeLong(amountMinor);
        out.writeLong(balanceAfter);
        out.writeLong(availableAfter);
        out.writeLong(createdAtMillis);
        out.writeLong(billedSeconds);
        out.writeUtf8(reference);
        out.writeUtf8(callId);
        out.writeUtf8(dialled);
    }

    void set(CardRecord card, long previous, long idValue, TransactionType type, Channel channel, long amount,
             long createdAt) {
        cardNumber = card.cardNumber();
        previousHistoryId = previous;
        id = idValue;
        typeCode = (byte) type.ordinal();
        channelCode = (byte) channel.ordinal();
        amountMinor = amount;
        balanceAfter = card.balance();
        availableAfter = card.available();
        createdAtMillis = createdAt;
        billedSeconds = 0;
        reference = "";
        callId = "";
        dialled = "";
    }

    void details(String referenceValue, String callIdValue, String dialledValue, long billed) {
        reference = referenceValue == null ? "" : referenceValue;
        callId = callIdValue == null ? "" : callIdValue;
        dialled = dialledValue == null ? "" : dialledValue;
        billedSeconds = billed;
    }

    public long cardNumber() {
        return cardNumber;
    }

    public long previousHistoryId() {
        return previousHistoryId;
    }

    public long id() {
        return id;
    }

    public int typeCode() {
        return typeCode;
    }

    public int channelCode() {
        return channelCode;
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

    public long billedSeconds() {
        return billedSeconds;
    }

    public String reference() {
        return reference;
    }

    public String callId() {
        return callId;
    }

    public String dialled() {
        return dialled;
    }
}
