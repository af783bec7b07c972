package io.onecard.ops.cli;

import io.onecard.core.card.CardNumbers;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a card number argument: sixteen digits with a valid check digit, spaces allowed between groups. */
final class CardNumberConverter implements ITypeConverter<Long> {
    /** Longest argument read, in characters (sixteen digits and a few separators). */
    static final int MAX_LENGTH = 32;

    @Override
    public Long convert(String value) {
        String digits = value.length() > MAX_LENGTH ? value : value.replace(" ", "").replace("-", "");
        long number = CardNumbers.parse(digits);
        if (number == CardNumbers.NONE) {
            throw new TypeConversionException("'" + (value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH)
                + "..." : value) + "' is not a card number (16 digits with a valid check digit)");
        }
        return number;
    }
}
