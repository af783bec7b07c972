package io.onecard.ops.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the text of each setting into a typed value, or a {@link ConfigException} that names the setting,
 * where its value came from, and what is accepted. Secret values are never repeated in a message.
 */
final class SettingReader {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,253}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9][0-9_]{0,24}");

    private final Map<Setting, ConfigValue> values;

    SettingReader(Map<Setting, ConfigValue> values) {
        this.values = values;
    }

    ConfigValue value(Setting setting) {
        return values.get(setting);
    }

    String text(Setting setting) {
        String text = values.get(setting).text();
        if (text.length() > ConfigLoader.MAX_VALUE_LENGTH) {
            throw bad(setting, "must be at most " + ConfigLoader.MAX_VALUE_LENGTH + " characters");
        }
        return text;
    }

    Optional<String> optional(Setting setting) {
        String text = text(setting);
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    String required(Setting setting) {
        String text = text(setting);
        if (text.isEmpty()) {
            throw bad(setting, "must not be empty");
        }
        return text;
    }

    long wholeNumber(Setting setting, long min, long max) {
        String text = required(setting);
        String message = "must be a whole number from " + min + " to " + max;
        if (!WHOLE_NUMBER.matcher(text).matches() || text.endsWith("_")) {
            throw bad(setting, message);
        }
        try {
            long value = Long.parseLong(text.replace("_", ""));
            if (value < min || value > max) {
                throw bad(setting, message);
            }
            return value;
        } catch (NumberFormatException e) {
            throw bad(setting, message);
        }
    }

    int port(Setting setting, int min) {
        return (int) wholeNumber(setting, min, 65_535);
    }

    Duration duration(Setting setting, Duration min, Duration max) {
        Duration value;
        try {
            value = Durations.parse(required(setting));
        } catch (IllegalArgumentException e) {
            throw bad(setting, e.getMessage());
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw bad(setting, "must be from " + Durations.format(min) + " to " + Durations.format(max));
        }
        return value;
    }

    String oneOf(Setting setting, String... choices) {
        String text = required(setting);
        for (String choice : choices) {
            if (choice.equals(text)) {
                return text;
            }
        }
        throw bad(setting, "must be one of " + String.join(", ", choices));
    }

    String matching(Setting setting, Pattern pattern, String description) {
        String text = required(setting);
        if (!pattern.matcher(text).matches()) {
            throw bad(setting, "must be " + description);
        }
        return text;
    }

    String host(Setting setting) {
        return matching(setting, HOST, "a host name or IP address");
    }

    Optional<String> optionalHost(Setting setting) {
        return optional(setting).isEmpty() ? Optional.empty() : Optional.of(host(setting));
    }

    Path path(Setting setting) {
        try {
            return Path.of(required(setting));
        } catch (InvalidPathException e) {
            throw bad(setting, "must be a valid path");
        }
    }

    Optional<Path> optionalPath(Setting setting) {
        return optional(setting).isEmpty() ? Optional.empty() : Optional.of(path(setting));
    }

    /** A refusal naming the setting, its variable, the value (unless secret) and where it came from. */
    ConfigException bad(Setting setting, String requirement) {
        ConfigValue value = values.get(setting);
        String shown = setting.secret() ? "(hidden)" : "'" + abbreviate(value.text()) + "'";
        return new ConfigException(setting, "bad value for " + setting.key() + " (" + setting.environmentVariable()
            + ", from " + value.source() + "): " + shown + " " + requirement);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
