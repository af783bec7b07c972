package io.onecard.ops.ledger;

import io.onecard.core.OneCardCore;
import io.onecard.core.CoreConfig;

/**
 * Card operations on a data directory that no server holds: the ledger is opened in this process (it
 * recovers first, and holds the directory's lock meanwhile), commands go through its ring like any edge's,
 * and {@link #close()} drains the ring and closes the journal cleanly.
 */
public final class LocalCardAdmin implements CardAdmin {
    private final OneCardCore core;
    private final LedgerCalls calls;

    private LocalCardAdmin(OneCardCore core) {
        this.core = core;
        this.calls = new LedgerCalls(core.sink(), core.pinSecret());
    }

    /** Opens the ledger of a data directory; fails when a server holds it. */
    public static LocalCardAdmin open(CoreConfig config) {
        return new LocalCardAdmin(OneCardCore.open(config));
    }

    @Override
    public IssuedCard issue(long amountMinor, String currency, String idempotencyKey) {
        return calls.issue(amountMinor, currency, idempotencyKey);
    }

    @Override
    public CardView show(long cardNumber) {
        return calls.show(cardNumber);
    }

    @Override
    public CardView block(long cardNumber) {
        return calls.block(cardNumber);
    }

    @Override
    public CardView unblock(long cardNumber) {
        return calls.unblock(cardNumber);
    }

    @Override
    public void close() {
        core.close();
    }
}
