package io.onecard.core.ledger;

/** Every command the ledger understands. Read-only commands that carry no credential are not journaled. */
public enum CommandType {
    ISSUE_CARD(false, true),
    VERIFY_CREDENTIAL(false, false),
    BLOCK_CARD(false, false),
    UNBLOCK_CARD(false, false),
    CLOSE_CARD(false, false),
    RECHARGE(true, true),
    AUTHORIZE(true, true),
    EXTEND_HOLD(true, true),
    CAPTURE(true, true),
    VOID(true, true),
    DEBIT(true, true),
    REFUND(true, true),
    EXPIRE_HOLDS(false, false),
    QUERY_CARD(false, false),
    QUERY_HISTORY(false, false);

    private static final CommandType[] VALUES = values();

    private final boolean movesMoney;
    private final boolean idempotent;

    CommandType(boolean movesMoney, boolean idempotent) {
        this.movesMoney = movesMoney;
        this.idempotent = idempotent;
    }

    /** The type with the given ordinal, as written in the journal. */
    public static CommandType ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }

    /** True for commands that change a balance or a hold. */
    public boolean movesMoney() {
        return movesMoney;
    }

    /** True for commands whose results are remembered under their idempotency key. */
    public boolean acceptsIdempotencyKey() {
        return idempotent;
    }

    /** True for queries: they change nothing unless they carry a credential to check. */
    public boolean isQuery() {
        return this == QUERY_CARD || this == QUERY_HISTORY;
    }
}
