package io.onecard.sip.call;

import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ring.CommandWriter;
import java.util.Locale;

/**
 * How an ended call is settled: the capture of what it cost (or the void of its hold when it cost nothing),
 * under the call's own idempotency key, and the call record still to be completed with the ledger's answer.
 * The same settlement published twice is one command to the ledger.
 *
 * @param key the idempotency key of the capture or void
 * @param capture true for a capture, false for a void
 * @param holdId the call's hold
 * @param amountMinor what the call cost (0 for a void)
 * @param fullAmount true when the capture takes the whole hold
 * @param record the call's record, its charge, settlement and transaction still to come
 */
record Settlement(String key, boolean capture, long holdId, long amountMinor, boolean fullAmount,
    CallRecord record) {

    /** Writes the capture or void into a ring slot. */
    CommandWriter command() {
        if (!capture) {
            return command -> command.type(CommandType.VOID).channel(Channel.PHONE).idempotencyKey(key)
                .holdId(holdId);
        }
        return command -> command.type(CommandType.CAPTURE).channel(Channel.PHONE).idempotencyKey(key)
            .holdId(holdId).amountMinor(amountMinor).fullAmount(fullAmount).callId(record.callId())
            .dialled(record.dialled()).billedSeconds(record.billedSeconds());
    }

    /** The call record completed with the ledger's answer to this settlement. */
    CallRecord settled(LedgerReply reply) {
        return record.settled(reply.isOk() ? reply.capturedMinor() : 0, reply.code().name().toLowerCase(Locale.ROOT),
            reply.transactionId());
    }
}
