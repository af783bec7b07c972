package io.onecard.http.site;

/**
 * Takes the buyer's payment for an order. The site issues or recharges a card only after a provider has
 * confirmed the payment, and uses the provider's payment id as the ledger's idempotency key, so that a
 * confirmation that arrives twice moves money once.
 */
public interface PaymentProvider {
    /** The provider's name, shown on every page of the site. */
    String name();

    /**
     * Charges the payer's card for an order.
     *
     * @param orderId the site's order
     * @param amountMinor the amount, in minor units of {@code currency}
     * @param currency the ISO 4217 code
     * @param cardDigits the payer's card number, digits only
     * @return the provider's answer; never {@code null}
     */
    Payment charge(String orderId, long amountMinor, String currency, String cardDigits);

    /**
     * A provider's answer.
     *
     * @param confirmed true when the money was taken
     * @param paymentId the provider's id of the payment (also for a declined one)
     * @param reason why it was declined, for the payer; {@code null} when confirmed
     */
    record Payment(boolean confirmed, String paymentId, String reason) {
    }
}
