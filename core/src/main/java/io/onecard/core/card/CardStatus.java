package io.onecard.core.card;

/** The life of a card. Only an active card can pay; blocked cards can be unblocked; closed is final. */
public enum CardStatus {
    ACTIVE,
    BLOCKED,
    CLOSED,
    EXPIRED;

    private static final CardStatus[] VALUES = values();

    /** The status with the given ordinal, as stored in a card record. */
    public static CardStatus ofCode(int code) {
        return VALUES[code];
    }

    /** The lower-case name the APIs use. */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
