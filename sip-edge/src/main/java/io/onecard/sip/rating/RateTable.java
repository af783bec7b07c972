package io.onecard.sip.rating;

import io.onecard.core.card.Currencies;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The destination rates of the calling-card edge, loaded once at start and never changed afterwards.
 *
 * <p>The CSV format is {@code prefix,currency,price_per_minute,first_increment_seconds,increment_seconds,
 * connect_fee} with integer minor units. A header line is optional, lines starting with {@code #} and blank
 * lines are skipped, and a bad row refuses the whole table with its line number, so that a typo can never
 * make calls cheaper than intended. A number is rated in the card's currency: the longest prefix that has a
 * rate in that currency wins. Immutable and safe to share between threads.
 */
public final class RateTable {
    /** Most rows one table may hold. */
    public static final int MAX_ROWS = 1_000_000;
    /** Longest line of the CSV, in characters. */
    public static final int MAX_LINE_LENGTH = 256;
    /** Longest dialled number that is rated, in digits. */
    public static final int MAX_DIALLED_DIGITS = 32;

    private static final String DEMO_RESOURCE = "demo-rates.csv";
    private static final int FIELDS = 6;

    private final Map<Integer, Map<String, Rate>> byCurrency;
    private final List<Rate> rates;
    private final int longestPrefix;

    private RateTable(List<Rate> rates) {
        Map<Integer, Map<String, Rate>> index = new HashMap<>();
        int longest = 0;
        for (Rate rate : rates) {
            index.computeIfAbsent(rate.currency(), c -> new HashMap<>()).put(rate.prefix(), rate);
            longest = Math.max(longest, rate.prefix().length());
        }
        this.byCurrency = index;
        this.rates = List.copyOf(rates);
        this.longestPrefix = longest;
    }

    /** A table of the given rates. */
    public static RateTable of(List<Rate> rates) {
        return new RateTable(checkUnique(rates));
    }

    /** Reads and checks a rate CSV file. */
    public static RateTable load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rate table " + file, e);
        }
    }

    /** The built-in demonstration table, used when no rate file is configured. */
    public static RateTable demo() {
        try (InputStream in = RateTable.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in rate table is missing");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "built-in rates");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in rate table", e);
        }
    }

    /**
     * Parses rate CSV text.
     *
     * @param source names the input in error messages
     * @throws IllegalArgumentException naming the source and the line of the first bad row
     */
    public static RateTable parse(Reader reader, String source) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        List<Rate> rates = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int lineNumber = 0;
        boolean firstRow = true;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (firstRow && text.toLowerCase(Locale.ROOT).startsWith("prefix")) {
                firstRow = false;
                continue;
            }
            firstRow = false;
            Rate rate = parseRow(line, source, lineNumber);
            Integer earlier = seen.putIfAbsent(rate.prefix() + "/" + rate.currency(), lineNumber);
            if (earlier != null) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": prefix " + rate.prefix()
                    + " in " + Currencies.format(rate.currency()) + " already has a rate on line " + earlier);
            }
            if (rates.size() == MAX_ROWS) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": more than " + MAX_ROWS
                    + " rates");
            }
            rates.add(rate);
        }
        return new RateTable(rates);
    }

    private static Rate parseRow(String line, String source, int lineNumber) {
        String where = source + " line " + lineNumber + ": ";
        if (line.length() > MAX_LINE_LENGTH) {
            throw new IllegalArgumentException(where + "longer than " + MAX_LINE_LENGTH + " characters");
        }
        String[] fields = line.split(",", -1);
        if (fields.length != FIELDS) {
            throw new IllegalArgumentException(where + "expected " + FIELDS
                + " fields (prefix,currency,price_per_minute,first_increment_seconds,increment_seconds,connect_fee)"
                + " but found " + fields.length);
        }
        String currencyText = fields[1].strip();
        int currency = Currencies.parse(currencyText);
        if (currency == Currencies.NONE) {
            throw new IllegalArgumentException(where + "unknown currency '" + currencyText + "'");
        }
        try {
            return new Rate(fields[0].strip(), currency, integer(fields[2], "price_per_minute", where),
                (int) integer(fields[3], "first_increment_seconds", where),
                (int) integer(fields[4], "increment_seconds", where), integer(fields[5], "connect_fee", where));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    private static long integer(String field, String name, String where) {
        String text = field.strip();
        if (!Rate.isDigits(text) || text.length() > 12) {
            throw new IllegalArgumentException(where + name + " must be a whole number of at most 12 digits, not '"
                + text + "'");
        }
        return Long.parseLong(text);
    }

    private static List<Rate> checkUnique(List<Rate> rates) {
        Map<String, Rate> seen = new HashMap<>();
        for (Rate rate : rates) {
            if (seen.put(rate.prefix() + "/" + rate.currency(), rate) != null) {
                throw new IllegalArgumentException("prefix " + rate.prefix() + " appears twice in "
                    + Currencies.format(rate.currency()));
            }
        }
        return rates;
    }

    /**
     * The rate for a dialled number in a currency: the longest prefix with a rate in that currency.
     *
     * @return empty when the number is not 1 to {@value #MAX_DIALLED_DIGITS} digits or nothing matches
     */
    public Optional<Rate> lookup(CharSequence dialled, int currency) {
        Map<String, Rate> prefixes = byCurrency.get(currency);
        if (prefixes == null || dialled == null || dialled.length() > MAX_DIALLED_DIGITS || !Rate.isDigits(dialled)) {
            return Optional.empty();
        }
        String digits = dialled.toString();
        for (int length = Math.min(longestPrefix, digits.length()); length > 0; length--) {
            Rate rate = prefixes.get(digits.substring(0, length));
            if (rate != null) {
                return Optional.of(rate);
            }
        }
        return Optional.empty();
    }

    /** Every rate, in the order loaded. */
    public List<Rate> rates() {
        return Collections.unmodifiableList(rates);
    }

    public int size() {
        return rates.size();
    }
}
