package io.onecard.core.ring;

import io.onecard.core.ledger.Command;

/**
 * Sees every applied command once its own listener has had the result: for effects that follow settlement
 * whichever edge sent the command, such as a card owner's low-balance notice.
 *
 * <p>Called on the ring thread, in journal order. It must return at once: anything slow (a lookup, an
 * e-mail) goes to a bounded queue of the observer's own.
 */
@FunctionalInterface
public interface SettlementObserver {
    /** Called once per applied command; must not block and must copy what it keeps. */
    void onSettled(Command command);
}
