package io.onecard.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load driver's command line as {@code name=value} words, so that each figure of a run is named where it
 * is given ({@code rate=2000 seconds=10}) and a forgotten one fails at once rather than shifting the others.
 */
public final class DriverOptions {
    private final Map<String, String> values = new LinkedHashMap<>();

    private DriverOptions() {
    }

    /** Reads {@code name=value} words; anything else is refused. */
    public static DriverOptions parse(String[] args) {
        DriverOptions options = new DriverOptions();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected name=value, got: " + arg);
            }
            options.values.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return options;
    }

    public String text(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing option " + name + "=...");
        }
        return value;
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public long number(String name) {
        return Long.parseLong(text(name));
    }

    public long number(String name, long fallback) {
        String value = values.get(name);
        return value == null ? fallback : Long.parseLong(value);
    }

    /** The card numbers of {@code cards=<n1>,<n2>,...}. */
    public String[] cards() {
        return text("cards").split(",");
    }
}
