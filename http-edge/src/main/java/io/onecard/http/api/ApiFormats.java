package io.onecard.http.api;

import io.onecard.core.ledger.TransactionType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How the API spells ids, times and dates, and how it reads them back.
 *
 * <p>The ledger numbers every hold, charge and refund from one sequence. The API shows them as strings with
 * a prefix that says what they are: {@code auth_<n>} for an authorization (a hold), {@code tx_<n>} for a
 * transaction (issue, recharge, capture, debit, call) and {@code ref_<n>} for a refund, where {@code <n>} is
 * the ledger's id in decimal without leading zeros. Times are RFC 3339 in UTC with milliseconds
 * ({@code 2026-01-31T12:00:00.000Z}); dates are {@code YYYY-MM-DD}.
 */
final class ApiFormats {
    static final String AUTHORIZATION_PREFIX = "auth_";
    static final String TRANSACTION_PREFIX = "tx_";
    static final String REFUND_PREFIX = "ref_";
    /** Most digits an id may have: a positive {@code long}. */
    static final int MAX_ID_DIGITS = 18;

    private static final DateTimeFormatter TIMESTAMP =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ApiFormats() {
    }

    static String authorizationId(long id) {
        return AUTHORIZATION_PREFIX + id;
    }

    static String transactionId(long id) {
        return TRANSACTION_PREFIX + id;
    }

    static String refundId(long id) {
        return REFUND_PREFIX + id;
    }

    /** The id of a history entry, spelled as the operation that made it was answered. */
    static String historyId(TransactionType type, long id) {
        return switch (type) {
            case HOLD, RELEASE, VOID, EXPIRE -> authorizationId(id);
            case REFUND -> refundId(id);
            default -> transactionId(id);
        };
    }

    /**
     * Reads an id with the given prefix.
     *
     * @return the ledger id, or zero when the text is not the prefix followed by 1 to 18 digits without a
     *     leading zero
     */
    static long parseId(CharSequence text, String prefix) {
        if (text == null || text.length() <= prefix.length() || text.length() > prefix.length() + MAX_ID_DIGITS) {
            return 0;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text.charAt(i) != prefix.charAt(i)) {
                return 0;
            }
        }
        if (text.charAt(prefix.length()) == '0') {
            return 0;
        }
        long value = 0;
        for (int i = prefix.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    static String date(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    /**
     * Reads a {@code YYYY-MM-DD} date.
     *
     * @return the epoch day, or -1 when the text is no such date
     */
    static int parseDate(String text) {
        if (text == null || text.length() != 10) {
            return -1;
        }
        try {
            return Math.toIntExact(LocalDate.parse(text).toEpochDay());
        } catch (DateTimeParseException | ArithmeticException invalid) {
            return -1;
        }
    }
}
