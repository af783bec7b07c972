package io.onecard.http.site;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The built-in test provider: no money moves. It confirms the test card {@value #ACCEPTED_CARD}, declines
 * {@value #DECLINED_CARD}, and declines any other number too, so that a real card number typed by mistake is
 * never taken for a payment.
 */
public final class SandboxPaymentProvider implements PaymentProvider {
    /** The test card that is always accepted. */
    public static final String ACCEPTED_CARD = "4242424242424242";
    /** The test card that is always declined. */
    public static final String DECLINED_CARD = "4000000000000002";

    private static final int PAYMENT_ID_BYTES = 12;

    private final SecureRandom random = new SecureRandom();

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Payment charge(String orderId, long amountMinor, String currency, String cardDigits) {
        byte[] id = new byte[PAYMENT_ID_BYTES];
        random.nextBytes(id);
        String paymentId = "sbx_" + HexFormat.of().formatHex(id);
        if (ACCEPTED_CARD.equals(cardDigits)) {
            return new Payment(true, paymentId, null);
        }
        if (DECLINED_CARD.equals(cardDigits)) {
            return new Payment(false, paymentId, "The card was declined by the payment provider.");
        }
        return new Payment(false, paymentId, "The sandbox accepts only its test cards.");
    }
}
