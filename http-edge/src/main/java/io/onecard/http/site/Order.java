package io.onecard.http.site;

import io.onecard.core.card.CardNumbers;

/**
 * A buyer's order, waiting for its payment.
 *
 * @param orderId the site's random id of the order
 * @param amountMinor the card's value in minor units
 * @param currency the ISO 4217 code
 * @param buyerEmail where the card (for me) or the receipt (a gift) goes; {@code null} for a recharge
 * @param rechargeCard the card a recharge pays into, or {@link CardNumbers#NONE} for a new card
 * @param gift the recipient and message of a gift, or {@code null} when the buyer keeps the card
 * @param createdNanos when the order was taken, for its expiry
 */
record Order(String orderId, long amountMinor, String currency, String buyerEmail, long rechargeCard, Gift gift,
             long createdNanos) {

    boolean isRecharge() {
        return rechargeCard != CardNumbers.NONE;
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
