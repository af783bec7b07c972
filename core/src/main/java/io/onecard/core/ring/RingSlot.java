package io.onecard.core.ring;

import io.onecard.core.ledger.Command;
import java.util.function.Consumer;

/**
 * One preallocated slot of the ring: a command, who waits for its result, and (rarely) a task that must
 * run on the ledger thread instead of a command, such as a snapshot.
 */
final class RingSlot {
    final Command command = new Command();
    ResultListener listener;
    Consumer<LedgerAccess> ledgerTask;
    boolean skip;

    void clear() {
        command.clear();
        listener = null;
        ledgerTask = null;
        skip = false;
    }
}
