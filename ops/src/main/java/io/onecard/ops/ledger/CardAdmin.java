package io.onecard.ops.ledger;

/**
 * The card operations of the operator's CLI. Every one goes through the ledger: either a ledger opened in
 * this process on a data directory no server holds, or a running server's admin API. Nothing here touches
 * the stores directly.
 */
public interface CardAdmin extends AutoCloseable {
    /**
     * Issues a card with a generated PIN.
     *
     * @param idempotencyKey makes a retried issue return the same card
     * @throws LedgerRefusedException when the ledger refuses
     */
    IssuedCard issue(long amountMinor, String currency, String idempotencyKey);

    /** The card's state; {@link LedgerRefusedException} when there is no such card. */
    CardView show(long cardNumber);

    /** Blocks a card; its holds stay open and may still be captured or voided. */
    CardView block(long cardNumber);

    /** Unblocks a card and unlocks a locked PIN. */
    CardView unblock(long cardNumber);

    /** Releases what was opened for these operations (a local ledger is closed cleanly). */
    @Override
    void close();
}
