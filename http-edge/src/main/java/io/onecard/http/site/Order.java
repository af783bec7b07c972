package io.onecard.http.site;

/**
 * A buyer's order, waiting for its payment.
 *
 * @param orderId the site's random id of the order
 * @param amountMinor the card's value in minor units
 * @param currency the ISO 4217 code
 * @param buyerEmail where the card (for me) or the receipt goes
 * @param createdNanos when the order was taken, for its expiry
 */
record Order(String orderId, long amountMinor, String currency, String buyerEmail, long createdNanos) {
}
