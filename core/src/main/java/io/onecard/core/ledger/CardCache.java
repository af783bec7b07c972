package io.onecard.core.ledger;

import io.onecard.core.card.CardNumbers;
import java.util.Arrays;

/**
 * Copies of recently used card records on the heap, so that the ledger reads a busy card without a Chronicle
 * Map lookup: a direct-mapped table of {@value #SLOTS} preallocated records, each card in the slot its number
 * hashes to, a newer card replacing an older one there.
 *
 * <p>A cache, not state: the card store stays the only record and is written on every change exactly as
 * before (write-through), so the crash model and recovery do not change. Only the ledger thread uses it; the
 * ledger puts every card it writes, and clears the cache whenever the stores change under it (a rolled-back
 * command, a restore). Filling a slot copies into its preallocated record, so the cache allocates nothing
 * after it was made.
 */
final class CardCache {
    private static final int SLOTS = 1 << 14;

    private final long[] numbers = new long[SLOTS];
    private final CardRecord[] records = new CardRecord[SLOTS];

    CardCache() {
        for (int i = 0; i < SLOTS; i++) {
            records[i] = new CardRecord();
        }
    }

    /** Copies the cached record of the card into {@code into}; false when the card is not cached. */
    boolean read(long cardNumber, CardRecord into) {
        int at = slot(cardNumber);
        if (cardNumber == CardNumbers.NONE || numbers[at] != cardNumber) {
            return false;
        }
        into.copyFrom(records[at]);
        return true;
    }

    /** Caches a copy of the record as it now is in the card store. */
    void put(CardRecord card) {
        int at = slot(card.cardNumber());
        numbers[at] = card.cardNumber();
        records[at].copyFrom(card);
    }

    void clear() {
        Arrays.fill(numbers, CardNumbers.NONE);
    }

    private static int slot(long cardNumber) {
        long mixed = cardNumber * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & (SLOTS - 1);
    }
}
