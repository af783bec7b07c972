package io.onecard.core.ring;

import io.onecard.core.ledger.Command;

/**
 * Receives a command's result on the replier thread, after the command is in the journal (forced to disk
 * in {@code sync} mode) and applied.
 */
@FunctionalInterface
public interface ResultListener {
    /** Called once per published command. Must not block; must copy what it keeps. */
    void onResult(Command command);
}
