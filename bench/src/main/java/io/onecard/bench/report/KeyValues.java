package io.onecard.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code name=value} words the benchmark tools print, one line at a time. Numbers may carry a unit
 * ({@code 1200/s}, {@code 35.2us}), which is dropped: each name has one unit, stated where it is printed. A
 * value with spaces is written in double quotes.
 */
final class KeyValues {
    private static final Pattern WORD = Pattern.compile("([\\w.]+)=(\"[^\"]*\"|\\S*)");

    private KeyValues() {
    }

    static Map<String, String> parse(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher word = WORD.matcher(line);
        while (word.find()) {
            values.put(word.group(1), word.group(2).replace("\"", ""));
        }
        return values;
    }

    static double number(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name + "= in the results");
        }
        return Double.parseDouble(value.replaceAll("(/s|us)$", ""));
    }
}
