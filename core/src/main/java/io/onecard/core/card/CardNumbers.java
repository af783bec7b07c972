package io.onecard.core.card;

import java.security.SecureRandom;

/**
 * Card numbers: sixteen digits, an issuer prefix, random digits and a Luhn check digit.
 *
 * <p>Inside OneCard a card number travels as a {@code long} (sixteen digits fit easily), so the ledger's hot
 * path never touches strings. Numbers are drawn at random, never in sequence, so that one card's number
 * tells nothing about another's.
 */
public final class CardNumbers {
    /** The number of digits of every OneCard card number. */
    public static final int LENGTH = 16;
    /** Marks "no card" where a card number field is unused. */
    public static final long NONE = 0L;

    private static final long LOWEST = 1_000_000_000_000_000L;
    private static final int MAX_PREFIX_LENGTH = 8;

    private final String issuerPrefix;
    private final SecureRandom random;

    /**
     * @param issuerPrefix one to eight digits, not starting with zero, that begin every number drawn here
     * @param random the source of the random digits
     */
    public CardNumbers(String issuerPrefix, SecureRandom random) {
        if (!issuerPrefix.matches("[1-9][0-9]{0," + (MAX_PREFIX_LENGTH - 1) + "}")) {
            throw new IllegalArgumentException(
                "issuer prefix must be 1 to " + MAX_PREFIX_LENGTH + " digits not starting with 0: " + issuerPrefix);
        }
        this.issuerPrefix = issuerPrefix;
        this.random = random;
    }

    /** Draws a new random card number with this issuer's prefix and a valid check digit. */
    public long draw() {
        char[] digits = new char[LENGTH];
        issuerPrefix.getChars(0, issuerPrefix.length(), digits, 0);
        for (int i = issuerPrefix.length(); i < LENGTH - 1; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        digits[LENGTH - 1] = '0';
        digits[LENGTH - 1] = (char) ('0' + checkDigit(digits));
        return Long.parseLong(new String(digits));
    }

    /**
     * Parses a card number as a client sent it.
     *
     * @return the number, or {@link #NONE} when the text is not sixteen ASCII digits with a valid check digit
     */
    public static long parse(CharSequence text) {
        if (text == null || text.length() != LENGTH) {
            return NONE;
        }
        long value = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NONE;
            }
            value = value * 10 + (c - '0');
        }
        return value >= LOWEST && isLuhnValid(value) ? value : NONE;
    }

    /** True when the number has sixteen digits and a correct Luhn check digit. */
    public static boolean isValid(long number) {
        return number >= LOWEST && number < LOWEST * 10 && isLuhnValid(number);
    }

    /** The sixteen digits of a card number. */
    public static String format(long number) {
        return Long.toString(number);
    }

    /** The number as logs and metrics may show it: first six and last four digits, the rest hidden. */
    public static String mask(long number) {
        String digits = format(number);
        if (digits.length() != LENGTH) {
            return "****";
        }
        return digits.substring(0, 6) + "******" + digits.substring(LENGTH - 4);
    }

    private static boolean isLuhnValid(long number) {
        int sum = 0;
        boolean doubled = false;
        for (long rest = number; rest > 0; rest /= 10) {
            int digit = (int) (rest % 10);
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static int checkDigit(char[] digitsWithZeroCheck) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digitsWithZeroCheck.length - 1; i >= 0; i--) {
            int digit = digitsWithZeroCheck[i] - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
