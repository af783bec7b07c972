package io.onecard.core.ledger;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;

/**
 * A hold (authorization, or the credit a call was granted) or a charge (capture, debit, call) that later
 * commands may refer to by id: capture, extend and void a hold; refund a charge.
 *
 * <p>The store keeps every open hold and the most recent closed ones and charges, within the configured
 * transaction retention.
 */
public final class TransactionRecord implements BytesMarshallable {
    /** The kind: a hold. */
    public static final byte KIND_HOLD = 1;
    /** The kind: a charge that can be refunded. */
    public static final byte KIND_CHARGE = 2;

    /** Hold status: open, counted in the card's {@code held}. */
    public static final byte OPEN = 1;
    /** Hold status: captured. */
    public static final byte CAPTURED = 2;
    /** Hold status: voided. */
    public static final byte VOIDED = 3;
    /** Hold status: expired. */
    public static final byte EXPIRED = 4;

    private long id;
    private long cardNumber;
    private byte kind;
    private byte status;
    private byte channelCode;
    private long amountMinor;
    private long refundedMinor;
    private long deadlineMillis;
    private long createdAtMillis;

    @Override
    public void readMarshallable(BytesIn<?> in) {
        id = in.readLong();
        cardNumber = in.readLong();
        kind = in.readByte();
        status = in.readByte();
        channelCode = in.readByte();
        amountMinor = in.readLong();
        refundedMinor = in.readLong();
        deadlineMillis = in.readLong();
        createdAtMillis = in.readLong();
    }

    @Override
    public void writeMarshallable(BytesOut<?> out) {
        out.writeLong(id);
        out.writeLong(cardNumber);
        out.writeByte(kind);
        out.writeByte(status);
        out.writeByte(channelCode);
        out.writeLong(amountMinor);
        out.writeLong(refundedMinor);
        out.writeLong(deadlineMillis);
        out.writeLong(createdAtMillis);
    }

    void set(long idValue, long card, byte kindValue, byte statusValue, Channel channel, long amount,
             long deadline, long createdAt) {
        id = idValue;
        cardNumber = card;
        kind = kindValue;
        status = statusValue;
        channelCode = (byte) channel.ordinal();
        amountMinor = amount;
        refundedMinor = 0;
        deadlineMillis = deadline;
        createdAtMillis = createdAt;
    }

    public long id() {
        return id;
    }

    public long cardNumber() {
        return cardNumber;
    }

    public byte kind() {
        return kind;
    }

    public byte status() {
        return status;
    }

    void status(byte value) {
        status = value;
    }

    public int channelCode() {
        return channelCode;
    }

    public boolean isOpenHold() {
        return kind == KIND_HOLD && status == OPEN;
    }

    /** For a hold: what it still reserves. For a charge: what was charged. */
    public long amountMinor() {
        return amountMinor;
    }

    void amountMinor(long value) {
        amountMinor = value;
    }

    /** For a charge: how much of it was refunded so far. */
    public long refundedMinor() {
        return refundedMinor;
    }

    void refundedMinor(long value) {
        refundedMinor = value;
    }

    public long deadlineMillis() {
        return deadlineMillis;
    }

    void deadlineMillis(long value) {
        deadlineMillis = value;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }
}
