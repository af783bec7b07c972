package io.onecard.http.api;

import io.onecard.core.card.CardStatus;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.HistoryItem;
import io.onecard.core.ledger.Result;
import io.onecard.core.ledger.ResultCode;
import io.onecard.core.ledger.TransactionType;

/**
 * A copy of one ledger result, taken on the replier thread so that the response can be rendered later on
 * the connection's event loop (the ring's result slot is reused as soon as the listener returns).
 *
 * <p>Holds exactly what the renderer reads, and the renderer reads nothing else from the ledger, so that a
 * replayed result (which carries the first result's values) renders to the first response's bytes.
 */
final class Outcome {
    /** The salt of every outcome without a generated PIN: never read, never written. */
    private static final byte[] NO_SALT = new byte[PinSecret.SALT_BYTES];
    private static final Entry[] NO_ITEMS = new Entry[0];

    final ResultCode code;
    final boolean replayed;
    final long cardNumber;
    final CardStatus cardStatus;
    final int currency;
    final long balance;
    final long held;
    final int expiresOnEpochDay;
    final long transactionId;
    final long holdId;
    final long amountMinor;
    final long capturedMinor;
    final long releasedMinor;
    final long expiresAtMillis;
    final long refundId;
    final boolean pinGenerated;
    final byte[] salt;
    final Entry[] items;
    final long nextCursor;

    private Outcome(Result result) {
        code = result.code();
        replayed = result.replayed();
        cardNumber = result.cardNumber();
        cardStatus = result.cardStatus();
        currency = result.currency();
        balance = result.balance();
        held = result.held();
        expiresOnEpochDay = result.expiresOnEpochDay();
        transactionId = result.transactionId();
        holdId = result.holdId();
        amountMinor = result.amountMinor();
        capturedMinor = result.capturedMinor();
        releasedMinor = result.releasedMinor();
        expiresAtMillis = result.expiresAtMillis();
        refundId = result.refundId();
        pinGenerated = result.pinGenerated();
        salt = pinGenerated ? result.salt().clone() : NO_SALT;
        items = result.itemCount() == 0 ? NO_ITEMS : new Entry[result.itemCount()];
        for (int i = 0; i < items.length; i++) {
            items[i] = new Entry(result.item(i));
        }
        nextCursor = result.nextCursor();
    }

    /** Copies what a response needs out of the reusable result slot. */
    static Outcome of(Result result) {
        return new Outcome(result);
    }

    long available() {
        return balance - held;
    }

    /** One history entry, copied out of the reusable item slot. */
    static final class Entry {
        final long id;
        final TransactionType type;
        final long amountMinor;
        final long balanceAfter;
        final long availableAfter;
        final long createdAtMillis;
        final Channel channel;
        final String reference;
        final String callId;
        final String dialled;
        final long billedSeconds;

        private Entry(HistoryItem item) {
            id = item.id();
            type = item.type();
            amountMinor = item.amountMinor();
            balanceAfter = item.balanceAfter();
            availableAfter = item.availableAfter();
            createdAtMillis = item.createdAtMillis();
            channel = item.channel();
            reference = item.reference();
            callId = item.callId();
            dialled = item.dialled();
            billedSeconds = item.billedSeconds();
        }
    }
}
