package io.onecard.core.ledger;

import java.util.List;

/** The ledger's counters, kept in the state file so that they roll back and snapshot with the tables. */
public final class Counter {
    /** Next transaction, hold or refund id. */
    public static final int NEXT_ID = 0;
    /** Next history entry id. */
    public static final int NEXT_HISTORY_ID = 1;
    /** Sequence number of the next idempotency key. */
    public static final int NEXT_KEY_SEQUENCE = 2;
    /** Sequence number of the oldest idempotency key still kept. */
    public static final int OLDEST_KEY_SEQUENCE = 3;
    /** The latest command time applied: ledger time never runs backwards. */
    public static final int LAST_TIME = 4;
    /** Sum of all amounts issued with new cards. */
    public static final int ISSUED = 5;
    /** Sum of all recharges. */
    public static final int RECHARGED = 6;
    /** Sum of all captures, calls included. */
    public static final int CAPTURED = 7;
    /** Sum of all direct debits. */
    public static final int DEBITED = 8;
    /** Sum of all refunds. */
    public static final int REFUNDED = 9;
    /** Number of cards issued. */
    public static final int CARDS = 10;
    /** Number of holds open now. */
    public static final int OPEN_HOLDS = 11;
    /** Sum of all open holds. */
    public static final int HELD = 12;
    /** Number of commands applied. */
    public static final int COMMANDS = 13;

    /** Names for reports, by counter index. */
    public static final List<String> NAMES = List.of("next id", "next history id", "next key sequence",
        "oldest key sequence", "last time", "issued", "recharged", "captured", "debited", "refunded", "cards",
        "open holds", "held", "commands");

    private Counter() {
    }
}
