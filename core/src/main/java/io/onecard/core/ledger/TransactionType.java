package io.onecard.core.ledger;

import java.util.Locale;

/** The kinds of entries in a card's history. */
public enum TransactionType {
    ISSUE,
    RECHARGE,
    HOLD,
    CAPTURE,
    RELEASE,
    VOID,
    EXPIRE,
    DEBIT,
    REFUND,
    CALL;

    private static final TransactionType[] VALUES = values();

    /** The type with the given ordinal, as stored. */
    public static TransactionType ofCode(int code) {
        return VALUES[code];
    }

    /** The lower-case name the APIs use. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
