package io.onecard.core.ledger;

import io.onecard.core.card.CardStatus;
import io.onecard.core.card.PinSecret;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;

/**
 * The first result of a command, kept under its idempotency key with a hash of the command's content, so
 * that a retry gets the same answer (a failure included) and a different command under the same key is
 * told apart as a conflict.
 */
public final class StoredResult implements BytesMarshallable {
    private long contentHash;
    private long sequence;
    private long createdAtMillis;
    private byte code;
    private byte cardStatus;
    private boolean pinGenerated;
    private int currency;
    private int expiresOnEpochDay;
    private long cardNumber;
    private long balance;
    private long held;
    private long transactionId;
    private long holdId;
    private long amountMinor;
    private long capturedMinor;
    private long releasedMinor;
    private long expiresAtMillis;
    private long refundId;
    private long timestampMillis;
    private final byte[] salt = new byte[PinSecret.SALT_BYTES];

    @Override
    public void readMarshallable(BytesIn<?> in) {
        contentHash = in.readLong();
        sequence = in.readLong();
        createdAtMillis = in.readLong();
        code = in.readByte();
        cardStatus = in.readByte();
        pinGenerated = in.readByte() != 0;
        currency = in.readInt();
        expiresOnEpochDay = in.readInt();
        cardNumber = in.readLong();
        balance = in.readLong();
        held = in.readLong();
        transactionId = in.readLong();
        holdId = in.readLong();
        amountMinor = in.readLong();
        capturedMinor = in.readLong();
        releasedMinor = in.readLong();
        expiresAtMillis = in.readLong();
        refundId = in.readLong();
        timestampMillis = in.readLong();
        in.read(salt);
    }

    @Override
    public void writeMarshallable(BytesOut<?> out) {
        out.writeLong(contentHash);
        out.writeLong(sequence);
        out.writeLong(createdAtMillis);
        out.writeByte(code);
        out.writeByte(cardStatus);
        out.writeByte((byte) (pinGenerated ? 1 : 0));
        out.writeInt(currency);
        out.writeInt(expiresOnEpochDay);
        out.writeLong(cardNumber);
        out.writeLong(balance);
        out.writeLong(held);
        out.writeLong(transactionId);
        out.writeLong(holdId);
        out.writeLong(amountMinor);
        out.writeLong(capturedMinor);
        out.writeLong(releasedMinor);
        out.writeLong(expiresAtMillis);
        out.writeLong(refundId);
        out.writeLong(timestampMillis);
        out.write(salt);
    }

    void capture(Result result, long hash, long sequenceValue, long createdAt) {
        contentHash = hash;
        sequence = sequenceValue;
        createdAtMillis = createdAt;
        code = (byte) result.code().ordinal();
        cardStatus = (byte) (result.cardStatus() == null ? -1 : result.cardStatus().ordinal());
        pinGenerated = result.pinGenerated();
        currency = result.currency();
        expiresOnEpochDay = result.expiresOnEpochDay();
        cardNumber = result.cardNumber();
        balance = result.balance();
        held = result.held();
        transactionId = result.transactionId();
        holdId = result.holdId();
        amountMinor = result.amountMinor();
        capturedMinor = result.capturedMinor();
        releasedMinor = result.releasedMinor();
        expiresAtMillis = result.expiresAtMillis();
        refundId = result.refundId();
        timestampMillis = result.timestampMillis();
        System.arraycopy(result.salt(), 0, salt, 0, salt.length);
    }

    void copyTo(Result result) {
        result.code(ResultCode.ofCode(code));
        result.cardStatus(cardStatus < 0 ? null : CardStatus.ofCode(cardStatus));
        result.pinGenerated(pinGenerated);
        result.currency(currency);
        result.expiresOnEpochDay(expiresOnEpochDay);
        result.cardNumber(cardNumber);
        result.balance(balance);
        result.held(held);
        result.transactionId(transactionId);
        result.holdId(holdId);
        result.amountMinor(amountMinor);
        result.capturedMinor(capturedMinor);
        result.releasedMinor(releasedMinor);
        result.expiresAtMillis(expiresAtMillis);
        result.refundId(refundId);
        result.timestampMillis(timestampMillis);
        System.arraycopy(salt, 0, result.salt(), 0, salt.length);
    }

    public long contentHash() {
        return contentHash;
    }

    public long sequence() {
        return sequence;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }
}
