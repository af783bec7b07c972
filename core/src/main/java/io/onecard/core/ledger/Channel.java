package io.onecard.core.ledger;

import java.util.Locale;

/** Where a command came from. Recorded in the card's history. */
public enum Channel {
    PHONE,
    WEB,
    SITE,
    ADMIN;

    private static final Channel[] VALUES = values();

    /** The channel with the given ordinal, as stored. */
    public static Channel ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }

    /** The lower-case name the APIs use. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
