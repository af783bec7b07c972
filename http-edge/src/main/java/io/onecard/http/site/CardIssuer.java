package io.onecard.http.site;

import io.onecard.core.card.Currencies;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Result;
import io.onecard.core.ledger.ResultCode;
import io.onecard.http.CoreAccess;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Issues the card of a paid order through the core's ring.
 *
 * <p>The idempotency key is {@code "site:" + paymentId}: the ledger keeps the first result under it, so a
 * payment confirmed twice (a double submit, a provider retrying its confirmation) issues one card, and the
 * second confirmation gets the same card and PIN back. The issue carries the card number and PIN salt the
 * order already holds, so that the issue sent again after a crash is the very same command, and the card's
 * owner: the buyer of a card for themselves, the recipient of a gift (low-balance notices and recharge
 * receipts go to that address).
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
    boolean issue(String paymentId, Order order, Consumer<CardOutcome> done) {
        int currency = Currencies.parse(order.currency());
        byte[] salt = order.saltHex() == null ? new byte[PinSecret.SALT_BYTES]
            : HexFormat.of().parseHex(order.saltHex());
        return ledger.sink().tryPublish(command -> {
            command.type(CommandType.ISSUE_CARD).channel(Channel.SITE).cardNumber(order.cardNumber())
                .amountMinor(order.amountMinor()).currency(currency).idempotencyKey("site:" + paymentId)
                .ownerEmail(order.ownerEmail());
            System.arraycopy(salt, 0, command.salt(), 0, PinSecret.SALT_BYTES);
        },
            GuardedListener.guard(command -> done.accept(CardOutcome.of(command.result(), ledger.pinSecret())),
                () -> done.accept(CardOutcome.failed())));
    }

    /**
     * Publishes the recharge of a paid order without waiting, under the same kind of key as an issue.
     *
     * @param done called once, on the ledger's replier thread, with a copy of the result (no PIN)
     * @return {@code false} when the ring is full: nothing was published and {@code done} is never called
     */
    boolean recharge(String paymentId, Order order, Consumer<CardOutcome> done) {
        int currency = Currencies.parse(order.currency());
        return ledger.sink().tryPublish(command -> command.type(CommandType.RECHARGE).channel(Channel.SITE)
                .cardNumber(order.rechargeCard()).amountMinor(order.amountMinor()).currency(currency)
                .idempotencyKey("site:" + paymentId),
            GuardedListener.guard(command -> done.accept(CardOutcome.of(command.result(), null)),
                () -> done.accept(CardOutcome.failed())));
    }

    /**
     * What the site keeps of an issue or recharge result.
     *
     * @param code the ledger's outcome; {@code null} when the result could not be read
     * @param cardNumber the card's number
     * @param pin the generated PIN of an issued card; {@code null} for a recharge
     * @param balanceMinor the card's balance in minor units
     * @param replayed true when this payment had already issued the card
     */
    record CardOutcome(ResultCode code, long cardNumber, String pin, long balanceMinor, boolean replayed) {
        static CardOutcome of(Result result, PinSecret pinSecret) {
            if (!result.isOk()) {
                return new CardOutcome(result.code(), 0, null, 0, result.replayed());
            }
            String pin = pinSecret == null ? null : pinSecret.derivePin(result.cardNumber(), result.salt());
            return new CardOutcome(result.code(), result.cardNumber(), pin, result.balance(), result.replayed());
        }

        /** The outcome when the result could not be read: no ledger code at all. */
        static CardOutcome failed() {
            return new CardOutcome(null, 0, null, 0, false);
        }

        boolean isOk() {
            return code == ResultCode.OK;
        }
    }
}
