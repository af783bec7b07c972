package io.onecard.http.site;

import java.util.List;

/**
 * Amounts as people type and read them ({@code 25}, {@code 25.5}, {@code 25.50}), in and out of minor units.
 * Integer arithmetic only. The site sells cards in currencies with two decimal places.
 */
final class MoneyText {
    /** The currencies the site offers. */
    static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP");
    /** Smallest card value: 5.00. */
    static final long MIN_VALUE_MINOR = 500;
    /** Largest card value: 500.00. */
    static final long MAX_VALUE_MINOR = 50_000;
    /** Returned by {@link #parseMinor} for text that is not an amount. */
    static final long INVALID = -1;

    private static final int MAX_WHOLE_DIGITS = 6;

    private MoneyText() {
    }

    /** The amount in minor units, or {@link #INVALID}. */
    static long parseMinor(String text) {
        if (text == null) {
            return INVALID;
        }
        String trimmed = text.trim();
        int dot = trimmed.indexOf('.');
        String whole = dot < 0 ? trimmed : trimmed.substring(0, dot);
        String fraction = dot < 0 ? "" : trimmed.substring(dot + 1);
        if (whole.isEmpty() || whole.length() > MAX_WHOLE_DIGITS || fraction.length() > 2
            || !digitsOnly(whole) || !digitsOnly(fraction) || (dot >= 0 && fraction.isEmpty())) {
            return INVALID;
        }
        long minor = Long.parseLong(whole) * 100;
        if (fraction.length() == 1) {
            minor += (fraction.charAt(0) - '0') * 10L;
        } else if (fraction.length() == 2) {
            minor += Long.parseLong(fraction);
        }
        return minor;
    }

    /** {@code 2550} as {@code 25.50}. */
    static String format(long minor) {
        String sign = minor < 0 ? "-" : "";
        long absolute = Math.abs(minor);
        long cents = absolute % 100;
        return sign + absolute / 100 + "." + (cents < 10 ? "0" : "") + cents;
    }

    private static boolean digitsOnly(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
