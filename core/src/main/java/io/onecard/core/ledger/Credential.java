package io.onecard.core.ledger;

/**
 * How a command proves it may spend from a card.
 *
 * <p>{@link #NONE} is for edges that authenticated the caller themselves (an admin key, a call already
 * verified) or commands that need no card holder (a recharge). {@link #PIN} carries the keyed PIN digest.
 * {@link #SIP_DIGEST} carries an RFC 2617 digest response, checked against the card's sealed HA1.
 */
public enum Credential {
    NONE,
    PIN,
    SIP_DIGEST;

    private static final Credential[] VALUES = values();

    /** The credential kind with the given ordinal, as written in the journal. */
    public static Credential ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
