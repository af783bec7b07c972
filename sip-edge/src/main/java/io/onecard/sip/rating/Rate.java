package io.onecard.sip.rating;

import io.onecard.core.card.Currencies;

/**
 * The price of calls to one destination prefix in one currency, and the arithmetic of billing them.
 *
 * <p>Everything is integer minor units and whole seconds. A call is billed for its first increment, then for
 * whole further increments, always rounded up; its charge is {@code connect_fee + ceil(price_per_minute *
 * billed_seconds / 60)}, so money is never rounded down.
 *
 * @param prefix the dialled digits this rate applies to (the longest matching prefix wins)
 * @param currency the packed ISO 4217 currency ({@link Currencies})
 * @param pricePerMinuteMinor price of sixty billed seconds, in minor units
 * @param firstIncrementSeconds the least time any answered call is billed for
 * @param incrementSeconds the step in which time after the first increment is billed
 * @param connectFeeMinor charged once per answered call, in minor units
 */
public record Rate(String prefix, int currency, long pricePerMinuteMinor, int firstIncrementSeconds,
    int incrementSeconds, long connectFeeMinor) {

    /** Longest prefix, in digits. */
    public static final int MAX_PREFIX_DIGITS = 32;
    /** Highest price per minute or connect fee, in minor units. */
    public static final long MAX_PRICE_MINOR = 1_000_000_000L;
    /** Longest first increment or increment, in seconds. */
    public static final int MAX_INCREMENT_SECONDS = 3_600;
    /** Longest call that can be billed, in seconds (one week), so that no charge can overflow. */
    public static final long MAX_BILLED_SECONDS = 7L * 24 * 3_600;

    private static final long SECONDS_PER_MINUTE = 60;

    /** Checks every field against its limit. */
    public Rate {
        if (prefix == null || prefix.isEmpty() || prefix.length() > MAX_PREFIX_DIGITS || !isDigits(prefix)) {
            throw new IllegalArgumentException("prefix must be 1 to " + MAX_PREFIX_DIGITS + " digits");
        }
        if (currency == Currencies.NONE) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
        if (pricePerMinuteMinor < 0 || pricePerMinuteMinor > MAX_PRICE_MINOR) {
            throw new IllegalArgumentException("price_per_minute must be 0.." + MAX_PRICE_MINOR);
        }
        if (firstIncrementSeconds < 1 || firstIncrementSeconds > MAX_INCREMENT_SECONDS) {
            throw new IllegalArgumentException("first_increment_seconds must be 1.." + MAX_INCREMENT_SECONDS);
        }
        if (incrementSeconds < 1 || incrementSeconds > MAX_INCREMENT_SECONDS) {
            throw new IllegalArgumentException("increment_seconds must be 1.." + MAX_INCREMENT_SECONDS);
        }
        if (connectFeeMinor < 0 || connectFeeMinor > MAX_PRICE_MINOR) {
            throw new IllegalArgumentException("connect_fee must be 0.." + MAX_PRICE_MINOR);
        }
    }

    /** True when the text is one or more ASCII digits. */
    public static boolean isDigits(CharSequence text) {
        if (text.length() == 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The price of {@code billedSeconds} of talk, connect fee excluded: {@code ceil(ppm * s / 60)}. */
    public long timePrice(long billedSeconds) {
        requireBillable(billedSeconds);
        return (pricePerMinuteMinor * billedSeconds + SECONDS_PER_MINUTE - 1) / SECONDS_PER_MINUTE;
    }

    /** What a call billed for {@code billedSeconds} costs: the connect fee plus the time price. */
    public long charge(long billedSeconds) {
        return connectFeeMinor + timePrice(billedSeconds);
    }

    /** The paid time after the first increment and {@code steps} further increments. */
    public long paidSecondsAfter(long steps) {
        return firstIncrementSeconds + steps * incrementSeconds;
    }

    /**
     * The seconds a call of {@code talkMillis} is billed for: nothing for no talk, else the first increment,
     * then whole increments, rounded up.
     */
    public long billedSeconds(long talkMillis) {
        if (talkMillis <= 0) {
            return 0;
        }
        long seconds = (talkMillis + 999) / 1000;
        if (seconds <= firstIncrementSeconds) {
            return firstIncrementSeconds;
        }
        long steps = (seconds - firstIncrementSeconds + incrementSeconds - 1) / incrementSeconds;
        return paidSecondsAfter(steps);
    }

    private static void requireBillable(long billedSeconds) {
        if (billedSeconds < 0 || billedSeconds > MAX_BILLED_SECONDS + MAX_INCREMENT_SECONDS) {
            throw new IllegalArgumentException("billed seconds out of range: " + billedSeconds);
        }
    }
}
