package io.onecard.core.ledger;

import io.onecard.core.card.PinHasher;
import io.onecard.core.card.PinSecret;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;

/**
 * One card in the card store: a fixed-size record of {@value #SIZE_BYTES} bytes.
 *
 * <pre>
 *  0  cardNumber         long    8  expiresOnEpochDay  int
 * 12  currency           int    16  status, pinFailures byte, byte
 * 18  balance            long   26  held               long
 * 34  createdAtMillis    long   42  lastHistoryId      long
 * 50  salt               16     66  pinHash            32
 * 98  sealedHa1          16    114  end
 * </pre>
 *
 * <p>History lives in its own store; the record only points at the card's newest entry, so that a card's
 * record never grows however much it is used.
 */
public final class CardRecord implements BytesMarshallable {
    /** Bytes per record in the store. */
    public static final int SIZE_BYTES = 114;
    /** Wrong PINs in a row that lock a card's PIN until an admin unblocks it. */
    public static final int MAX_PIN_FAILURES = 5;

    private long cardNumber;
    private int expiresOnEpochDay;
    private int currency;
    private byte statusCode;
    private byte pinFailures;
    private long balance;
    private long held;
    private long createdAtMillis;
    private long lastHistoryId;
    private final byte[] salt = new byte[PinSecret.SALT_BYTES];
    private final byte[] pinHash = new byte[PinHasher.HASH_BYTES];
    private final byte[] sealedHa1 = new byte[Command.SEALED_HA1_BYTES];

    @Override
    public void readMarshallable(BytesIn<?> in) {
        cardNumber = in.readLong();
        expiresOnEpochDay = in.readInt();
        currency = in.readInt();
        statusCode = in.readByte();
        pinFailures = in.readByte();
        balance = in.readLong();
        held = in.readLong();
        createdAtMillis = in.readLong();
        lastHistoryId = in.readLong();
        in.read(salt);
        in.read(pinHash);
        in.read(sealedHa1);
    }

    @Override
    public void writeMarshallable(BytesOut<?> out) {
        out.writeLong(cardNumber);
        out.writeInt(expiresOnEpochDay);
        out.writeInt(currency);
        out.writeByte(statusCode);
        out.writeByte(pinFailures);
        out.writeLong(balance);
        out.writeLong(held);
        out.writeLong(createdAtMillis);
        out.writeLong(lastHistoryId);
        out.write(salt);
        out.write(pinHash);
        out.write(sealedHa1);
    }

    /** Makes this record a copy of another. */
    void copyFrom(CardRecord other) {
        cardNumber = other.cardNumber;
        expiresOnEpochDay = other.expiresOnEpochDay;
        currency = other.currency;
        statusCode = other.statusCode;
        pinFailures = other.pinFailures;
        balance = other.balance;
        held = other.held;
        createdAtMillis = other.createdAtMillis;
        lastHistoryId = other.lastHistoryId;
        System.arraycopy(other.salt, 0, salt, 0, salt.length);
        System.arraycopy(other.pinHash, 0, pinHash, 0, pinHash.length);
        System.arraycopy(other.sealedHa1, 0, sealedHa1, 0, sealedHa1.length);
    }

    public long cardNumber() {
        return cardNumber;
    }

    void cardNumber(long value) {
        cardNumber = value;
    }

    public int expiresOnEpochDay() {
        return expiresOnEpochDay;
    }

    void expiresOnEpochDay(int value) {
        expiresOnEpochDay = value;
    }

    public int currency() {
        return currency;
    }

    void currency(int value) {
        currency = value;
    }

    public int statusCode() {
        return statusCode;
    }

    void statusCode(int value) {
        statusCode = (byte) value;
    }

    public int pinFailures() {
        return pinFailures;
    }

    void pinFailures(int value) {
        pinFailures = (byte) value;
    }

    public long balance() {
        return balance;
    }

    void balance(long value) {
        balance = value;
    }

    public long held() {
        return held;
    }

    void held(long value) {
        held = value;
    }

    public long available() {
        return balance - held;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    void createdAtMillis(long value) {
        createdAtMillis = value;
    }

    public long lastHistoryId() {
        return lastHistoryId;
    }

    void lastHistoryId(long value) {
        lastHistoryId = value;
    }

    byte[] salt() {
        return salt;
    }

    byte[] pinHash() {
        return pinHash;
    }

    byte[] sealedHa1() {
        return sealedHa1;
    }
}
