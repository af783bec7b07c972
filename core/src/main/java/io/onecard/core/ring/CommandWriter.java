package io.onecard.core.ring;

import io.onecard.core.ledger.Command;

/** Fills a claimed, cleared ring slot with one command. */
@FunctionalInterface
public interface CommandWriter {
    void write(Command command);
}
