package io.onecard.http.site;

import io.onecard.core.card.CardNumbers;

/**
 * A buyer's order and where it stands, as the order book keeps it (and writes it to disk).
 *
 * <p>For a new card, the card number and the PIN salt are drawn and kept here before the issue is sent to
 * the ledger, so that an issue sent again after a crash is the very same command under the same idempotency
 * key. The PIN itself is never kept: it is derived again from the number, the salt and the server's PIN
 * secret when the e-mail is written.
 *
 * @param orderId the site's random id of the order (32 hex digits)
 * @param state where the order stands
 * @param amountMinor the card's value or the recharge amount, in minor units
 * @param currency the ISO 4217 code
 * @param buyerEmail where the card (for me) or the receipt (a gift) goes; {@code null} for a recharge
 * @param rechargeCard the card a recharge pays into, or {@link CardNumbers#NONE} for a new card
 * @param gift the recipient and message of a gift, or {@code null} when the buyer keeps the card
 * @param createdAtMillis when the order was taken (wall clock, milliseconds since the epoch)
 * @param paymentId the provider's payment id once a payment was confirmed or declined, else {@code null}
 * @param cardNumber the new card's number once drawn, or the recharged card's; {@link CardNumbers#NONE} before
 * @param saltHex the new card's PIN salt once drawn (hexadecimal), else {@code null}
 * @param balanceMinor the card's balance after the issue or recharge, once fulfilled
 * @param mailed true once the order's e-mail was handed to the mail server (or written to the outbox)
 * @param reason why a payment was declined, as the provider said it; {@code null} otherwise
 */
record Order(String orderId, OrderState state, long amountMinor, String currency, String buyerEmail,
             long rechargeCard, Gift gift, long createdAtMillis, String paymentId, long cardNumber, String saltHex,
             long balanceMinor, boolean mailed, String reason) {

    /** A new order, waiting for its payment. */
    static Order pending(String orderId, long amountMinor, String currency, String buyerEmail, long rechargeCard,
                         Gift gift, long createdAtMillis) {
        return new Order(orderId, OrderState.PENDING, amountMinor, currency, buyerEmail, rechargeCard, gift,
            createdAtMillis, null, rechargeCard, null, 0, false, null);
    }

    /** Whose card a new card is: the recipient's for a gift, else the buyer's; {@code null} for a recharge. */
    String ownerEmail() {
        if (isRecharge()) {
            return null;
        }
        return gift == null ? buyerEmail : gift.recipientEmail();
    }

    boolean isRecharge() {
        return rechargeCard != CardNumbers.NONE;
    }

    Order paid(String payment) {
        return new Order(orderId, OrderState.PAID, amountMinor, currency, buyerEmail, rechargeCard, gift,
            createdAtMillis, payment, cardNumber, saltHex, balanceMinor, false, null);
    }

    Order declined(String payment, String why) {
        return new Order(orderId, OrderState.DECLINED, amountMinor, currency, buyerEmail, rechargeCard, gift,
            createdAtMillis, payment, cardNumber, saltHex, balanceMinor, false, why);
    }

    Order drawn(long number, String salt) {
        return new Order(orderId, state, amountMinor, currency, buyerEmail, rechargeCard, gift, createdAtMillis,
            paymentId, number, salt, balanceMinor, mailed, reason);
    }

    Order fulfilled(long balance) {
        return new Order(orderId, OrderState.FULFILLED, amountMinor, currency, buyerEmail, rechargeCard, gift,
            createdAtMillis, paymentId, cardNumber, saltHex, balance, mailed, reason);
    }

    Order refused(String why) {
        return new Order(orderId, OrderState.REFUSED, amountMinor, currency, buyerEmail, rechargeCard, gift,
            createdAtMillis, paymentId, cardNumber, saltHex, balanceMinor, mailed, why);
    }

    Order mailSent() {
        return new Order(orderId, state, amountMinor, currency, buyerEmail, rechargeCard, gift, createdAtMillis,
            paymentId, cardNumber, saltHex, balanceMinor, true, reason);
    }

    /**
     * Whom a gift card goes to.
     *
     * @param recipientEmail where the card number and PIN are e-mailed
     * @param message the buyer's message, as typed (escaped wherever it is shown)
     */
    record Gift(String recipientEmail, String message) {
    }
}
