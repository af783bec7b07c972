package io.onecard.sip.call;

import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.Result;
import io.onecard.core.ledger.ResultCode;

/**
 * The part of a ledger result a call keeps, copied off the replier thread's reusable slot.
 *
 * @param code the outcome
 * @param currency the card's currency (for credential checks)
 * @param holdId the hold the command created or touched
 * @param amountMinor the hold's amount after an authorization or extension, or the amount charged
 * @param capturedMinor what a capture took
 * @param releasedMinor what a capture or void gave back
 * @param transactionId the charge of a capture
 * @param available the card's available balance after the command
 */
record LedgerReply(ResultCode code, int currency, long holdId, long amountMinor, long capturedMinor,
    long releasedMinor, long transactionId, long available) {

    /** The answer used when the ring had no room for the command. */
    static final LedgerReply OVERLOADED = new LedgerReply(ResultCode.OVERLOADED, 0, 0, 0, 0, 0, 0, 0);

    static LedgerReply of(Command command) {
        Result result = command.result();
        return new LedgerReply(result.code(), result.currency(), result.holdId(), result.amountMinor(),
            result.capturedMinor(), result.releasedMinor(), result.transactionId(), result.available());
    }

    boolean isOk() {
        return code == ResultCode.OK;
    }
}
