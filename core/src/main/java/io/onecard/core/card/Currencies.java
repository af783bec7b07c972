package io.onecard.core.card;

import java.util.Currency;

/**
 * ISO 4217 currency codes packed into an {@code int}, so that records and commands carry no strings.
 *
 * <p>The three upper-case letters are stored one per byte; zero means "no currency".
 */
public final class Currencies {
    /** Marks a missing currency. */
    public static final int NONE = 0;

    private Currencies() {
    }

    /**
     * Packs a currency code.
     *
     * @return the packed code, or {@link #NONE} when the text is not a known ISO 4217 alphabetic code
     */
    public static int parse(CharSequence text) {
        if (text == null || text.length() != 3) {
            return NONE;
        }
        int packed = 0;
        for (int i = 0; i < 3; i++) {
            char c = text.charAt(i);
            if (c < 'A' || c > 'Z') {
                return NONE;
            }
            packed = packed << 8 | c;
        }
        return isKnown(text.toString()) ? packed : NONE;
    }

    /** The three letters of a packed code. */
    public static String format(int packed) {
        if (packed == NONE) {
            return "";
        }
        char[] letters = {(char) (packed >>> 16 & 0xFF), (char) (packed >>> 8 & 0xFF), (char) (packed & 0xFF)};
        return new String(letters);
    }

    private static boolean isKnown(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
