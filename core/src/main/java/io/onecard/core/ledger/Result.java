package io.onecard.core.ledger;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.CardStatus;
import io.onecard.core.card.Currencies;
import io.onecard.core.card.PinSecret;
import java.util.Arrays;

/**
 * What the ledger answers to one command. Filled by the ledger thread, read by the replier's callback.
 *
 * <p>Which fields are set depends on the command: card fields for card commands, hold fields for
 * authorizations, a history page for history queries. Money is in minor units. A result replayed from the
 * idempotency store is marked {@link #replayed()} and carries exactly the first result's values.
 */
public final class Result {
    /** Most history items one query returns. */
    public static final int MAX_PAGE_ITEMS = 100;

    private ResultCode code = ResultCode.OK;
    private boolean replayed;
    private long cardNumber;
    private CardStatus cardStatus;
    private int currency;
    private long balance;
    private long held;
    private int expiresOnEpochDay;
    private long transactionId;
    private long holdId;
    private long amountMinor;
    private long capturedMinor;
    private long releasedMinor;
    private long expiresAtMillis;
    private long refundId;
    private long timestampMillis;
    private boolean pinGenerated;
    private final byte[] salt = new byte[PinSecret.SALT_BYTES];

    private HistoryItem[] items = new HistoryItem[0];
    private int itemCount;
    private long nextCursor;

    void clear() {
        code = ResultCode.OK;
        replayed = false;
        cardNumber = CardNumbers.NONE;
        cardStatus = null;
        currency = Currencies.NONE;
        balance = 0;
        held = 0;
        expiresOnEpochDay = Command.NO_EXPIRY;
        transactionId = 0;
        holdId = 0;
        amountMinor = 0;
        capturedMinor = 0;
        releasedMinor = 0;
        expiresAtMillis = 0;
        refundId = 0;
        timestampMillis = 0;
        pinGenerated = false;
        Arrays.fill(salt, (byte) 0);
        itemCount = 0;
        nextCursor = 0;
    }

    /** Sets a failure outcome with no other fields: for the ring, when a command never reached the ledger. */
    public void failWith(ResultCode failure) {
        fail(failure);
    }

    Result fail(ResultCode failure) {
        clear();
        code = failure;
        return this;
    }

    Result card(CardRecord card) {
        cardNumber = card.cardNumber();
        cardStatus = CardStatus.ofCode(card.statusCode());
        currency = card.currency();
        balance = card.balance();
        held = card.held();
        expiresOnEpochDay = card.expiresOnEpochDay();
        return this;
    }

    void copyFrom(StoredResult stored) {
        clear();
        stored.copyTo(this);
        replayed = true;
    }

    public ResultCode code() {
        return code;
    }

    void code(ResultCode value) {
        code = value;
    }

    public boolean isOk() {
        return code == ResultCode.OK;
    }

    /** True when this is the first result of an earlier command with the same idempotency key. */
    public boolean replayed() {
        return replayed;
    }

    public long cardNumber() {
        return cardNumber;
    }

    void cardNumber(long value) {
        cardNumber = value;
    }

    public CardStatus cardStatus() {
        return cardStatus;
    }

    void cardStatus(CardStatus value) {
        cardStatus = value;
    }

    public int currency() {
        return currency;
    }

    void currency(int value) {
        currency = value;
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

    /** {@code balance - held}: what the card can still spend. */
    public long available() {
        return balance - held;
    }

    public int expiresOnEpochDay() {
        return expiresOnEpochDay;
    }

    void expiresOnEpochDay(int value) {
        expiresOnEpochDay = value;
    }

    public long transactionId() {
        return transactionId;
    }

    void transactionId(long value) {
        transactionId = value;
    }

    public long holdId() {
        return holdId;
    }

    void holdId(long value) {
        holdId = value;
    }

    public long amountMinor() {
        return amountMinor;
    }

    void amountMinor(long value) {
        amountMinor = value;
    }

    public long capturedMinor() {
        return capturedMinor;
    }

    void capturedMinor(long value) {
        capturedMinor = value;
    }

    public long releasedMinor() {
        return releasedMinor;
    }

    void releasedMinor(long value) {
        releasedMinor = value;
    }

    /** For a hold: when it expires unless captured, voided or extended. */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    void expiresAtMillis(long value) {
        expiresAtMillis = value;
    }

    public long refundId() {
        return refundId;
    }

    void refundId(long value) {
        refundId = value;
    }

    /** The time of the command that produced this result. */
    public long timestampMillis() {
        return timestampMillis;
    }

    void timestampMillis(long value) {
        timestampMillis = value;
    }

    /** For an issue: the PIN was generated, and {@code PinSecret.derivePin(cardNumber, salt)} gives it. */
    public boolean pinGenerated() {
        return pinGenerated;
    }

    void pinGenerated(boolean value) {
        pinGenerated = value;
    }

    public byte[] salt() {
        return salt;
    }

    /** For a history query: how many items the page holds. */
    public int itemCount() {
        return itemCount;
    }

    /** For a history query: item {@code index} of this page, newest first. */
    public HistoryItem item(int index) {
        if (index < 0 || index >= itemCount) {
            throw new IndexOutOfBoundsException(index);
        }
        return items[index];
    }

    /** The next free item of the page; slots are made on first use, so most ring slots never hold any. */
    HistoryItem nextItemSlot() {
        if (itemCount == items.length) {
            items = Arrays.copyOf(items, Math.min(MAX_PAGE_ITEMS, Math.max(4, items.length * 2)));
            for (int i = itemCount; i < items.length; i++) {
                items[i] = new HistoryItem();
            }
        }
        return items[itemCount++];
    }

    /** For a history query: the cursor of the next page, or zero when this is the last page. */
    public long nextCursor() {
        return nextCursor;
    }

    void nextCursor(long value) {
        nextCursor = value;
    }
}
