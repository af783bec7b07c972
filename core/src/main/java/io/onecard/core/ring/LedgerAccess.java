package io.onecard.core.ring;

import io.onecard.core.journal.Journal;
import io.onecard.core.ledger.Ledger;

/**
 * What a task running on the ledger thread may touch: the ledger and the journal, at a moment when no
 * command is being applied. Used for snapshots and live audits, never by edges.
 */
public interface LedgerAccess {
    Ledger ledger();

    Journal journal();
}
