package io.onecard.core.journal;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.ledger.CardRecord;
import io.onecard.core.ledger.Counter;
import io.onecard.core.ledger.LedgerState;
import java.util.ArrayList;
import java.util.List;

/**
 * The money of one ledger state in figures, from one pass over its cards: what the cards hold, what the
 * counters say was moved, and every breach of conservation found.
 *
 * <p>Conservation: {@code balancesMinor == issued + recharged - captured - debited + refunded}, the sum of
 * all {@code held} equals the open holds, and no card has {@code available < 0} or {@code held < 0}.
 *
 * @param balancesMinor sum of all card balances
 * @param heldMinor sum of all cards' {@code held}
 * @param issuedMinor everything issued with new cards
 * @param rechargedMinor everything recharged
 * @param capturedMinor everything captured (calls included)
 * @param debitedMinor everything debited
 * @param refundedMinor everything refunded
 * @param openHoldsMinor sum of the open holds
 * @param openHolds number of open holds
 * @param problems every breach found, card numbers masked, at most the limit given
 */
public record Conservation(long balancesMinor, long heldMinor, long issuedMinor, long rechargedMinor,
                           long capturedMinor, long debitedMinor, long refundedMinor, long openHoldsMinor,
                           long openHolds, List<String> problems) {

    /** The figures of a state; read it on the thread that owns it (the ledger thread on a live state). */
    public static Conservation of(LedgerState state, int maxProblems) {
        List<String> problems = new ArrayList<>();
        long[] sums = new long[2];
        state.cards().forEach(new CardRecord(), (number, card) -> {
            sums[0] += card.balance();
            sums[1] += card.held();
            if ((card.available() < 0 || card.held() < 0) && problems.size() < maxProblems) {
                problems.add("card " + CardNumbers.mask(number) + ": balance " + card.balance() + ", held "
                    + card.held());
            }
        });
        long expected = state.counter(Counter.ISSUED) + state.counter(Counter.RECHARGED)
            - state.counter(Counter.CAPTURED) - state.counter(Counter.DEBITED) + state.counter(Counter.REFUNDED);
        if (sums[0] != expected && problems.size() < maxProblems) {
            problems.add("conservation: balances sum to " + sums[0] + ", movements to " + expected);
        }
        if (sums[1] != state.counter(Counter.HELD) && problems.size() < maxProblems) {
            problems.add("holds: cards hold " + sums[1] + ", open holds sum to " + state.counter(Counter.HELD));
        }
        return new Conservation(sums[0], sums[1], state.counter(Counter.ISSUED), state.counter(Counter.RECHARGED),
            state.counter(Counter.CAPTURED), state.counter(Counter.DEBITED), state.counter(Counter.REFUNDED),
            state.counter(Counter.HELD), state.counter(Counter.OPEN_HOLDS), List.copyOf(problems));
    }

    /** What the balances must sum to: issued + recharged - captured - debited + refunded. */
    public long expectedBalancesMinor() {
        return issuedMinor + rechargedMinor - capturedMinor - debitedMinor + refundedMinor;
    }
}
