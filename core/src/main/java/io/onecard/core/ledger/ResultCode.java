package io.onecard.core.ledger;

/**
 * The outcome of a command. Every outcome except {@link #OK} changes nothing.
 *
 * <p>{@link #CARD_DECLINED} covers an unknown card, a wrong credential, a locked PIN, and a blocked, closed
 * or expired card alike, so that the answer tells a guesser nothing. {@link #INSUFFICIENT_FUNDS} is only
 * given after the card and its credential were accepted.
 */
public enum ResultCode {
    OK,
    CARD_DECLINED,
    INSUFFICIENT_FUNDS,
    UNKNOWN_CARD,
    NOT_FOUND,
    INVALID_STATE,
    IDEMPOTENCY_CONFLICT,
    CURRENCY_MISMATCH,
    DUPLICATE_CARD,
    INVALID_REQUEST,
    CAPACITY_EXCEEDED,
    OVERLOADED;

    private static final ResultCode[] VALUES = values();

    /** The code with the given ordinal, as stored. */
    public static ResultCode ofCode(int code) {
        return VALUES[code];
    }
}
