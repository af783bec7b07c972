package io.onecard.http.site;

import io.onecard.core.card.Currencies;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Result;
import io.onecard.core.ledger.ResultCode;
import io.onecard.http.CoreAccess;
import java.util.function.Consumer;

/**
 * Issues the card of a paid order through the core's ring.
 *
 * <p>The idempotency key is {@code "site:" + paymentId}: the ledger keeps the first result under it, so a
 * payment confirmed twice (a double submit, a provider retrying its confirmation) issues one card, and the
 * second confirmation gets the same card and PIN back.
 */
final class CardIssuer {
    private final CoreAccess ledger;

    CardIssuer(CoreAccess ledger) {
        this.ledger = ledger;
    }

    /**
     * Publishes the issue without waiting.
     *
     * @param done called once, on the ledger's replier thread, with a copy of the result
     * @return {@code false} when the ring is full: nothing was published and {@code done} is never called
     */
    boolean issue(String paymentId, Order order, Consumer<IssuedCard> done) {
        int currency = Currencies.parse(order.currency());
        return ledger.sink().tryPublish(command -> command.type(CommandType.ISSUE_CARD).channel(Channel.SITE)
                .amountMinor(order.amountMinor()).currency(currency).idempotencyKey("site:" + paymentId),
            command -> done.accept(IssuedCard.of(command.result(), ledger.pinSecret())));
    }

    /**
     * What the site keeps of an issue result.
     *
     * @param code the ledger's outcome
     * @param cardNumber the new card's number
     * @param pin the generated PIN
     * @param balanceMinor the card's balance in minor units
     * @param replayed true when this payment had already issued the card
     */
    record IssuedCard(ResultCode code, long cardNumber, String pin, long balanceMinor, boolean replayed) {
        static IssuedCard of(Result result, PinSecret pinSecret) {
            if (!result.isOk()) {
                return new IssuedCard(result.code(), 0, null, 0, result.replayed());
            }
            String pin = pinSecret.derivePin(result.cardNumber(), result.salt());
            return new IssuedCard(result.code(), result.cardNumber(), pin, result.balance(), result.replayed());
        }

        boolean isOk() {
            return code == ResultCode.OK;
        }
    }
}
