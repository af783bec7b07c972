package io.onecard.core.ring;

import io.onecard.core.ledger.Ledger;

/**
 * What a task running on the ledger thread may touch: the ledger, at a moment when no command is being
 * applied. Used for snapshots, live audits and counter samples, never by edges.
 */
public interface LedgerAccess {
    Ledger ledger();
}
