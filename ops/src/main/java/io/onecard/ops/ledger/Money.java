package io.onecard.ops.ledger;

import java.util.Currency;

/** Minor units shown as an operator reads them ({@code 1250} EUR is {@code 12.50}), without floating point. */
public final class Money {
    private Money() {
    }

    /** The amount in major units with the currency's usual decimals; unknown currencies show minor units. */
    public static String format(long minor, String currencyCode) {
        int digits = fractionDigits(currencyCode);
        if (digits <= 0) {
            return Long.toString(minor);
        }
        long scale = 1;
        for (int i = 0; i < digits; i++) {
            scale *= 10;
        }
        String sign = minor < 0 ? "-" : "";
        long magnitude = Math.abs(minor);
        String fraction = Long.toString(magnitude % scale);
        return sign + magnitude / scale + "." + "0".repeat(digits - fraction.length()) + fraction;
    }

    private static int fractionDigits(String currencyCode) {
        try {
            return Currency.getInstance(currencyCode).getDefaultFractionDigits();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return 0;
        }
    }
}
