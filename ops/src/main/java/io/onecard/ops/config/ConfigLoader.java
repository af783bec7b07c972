package io.onecard.ops.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the configuration: built-in defaults, then the config file, then environment variables, each
 * overriding the one before. Refuses an unknown key or {@code ONECARD_} variable, a key given twice, a
 * malformed line, and every bad value, with a {@link ConfigException} that names the setting.
 *
 * <p>The file format is one {@code key = value} per line; blank lines and lines starting with {@code #} are
 * ignored; values are trimmed and taken literally (no quotes, no escapes); an empty value means "none".
 */
public final class ConfigLoader {
    /** Largest config file read, in bytes. */
    public static final int MAX_FILE_BYTES = 256 * 1024;
    /** Longest line of a config file, in characters. */
    public static final int MAX_LINE_LENGTH = 4_096;
    /** Longest value of one setting, in characters. */
    public static final int MAX_VALUE_LENGTH = 4_096;
    /**
     * {@code ONECARD_} variables that are not settings but belong to the launcher, so they are not refused.
     */
    public static final Set<String> LAUNCHER_VARIABLES = Set.of("ONECARD_JAVA_OPTS", "ONECARD_JAVA");

    private ConfigLoader() {
    }

    /**
     * Loads and checks the whole configuration.
     *
     * @param file the config file, or {@code null} for none
     * @param environment the process environment (only {@code ONECARD_} variables are read)
     */
    public static OneCardConfig load(Path file, Map<String, String> environment) {
        Map<Setting, ConfigValue> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, new ConfigValue(setting.defaultText(), ConfigValue.DEFAULT));
        }
        if (file != null) {
            values.putAll(readFile(file));
        }
        values.putAll(readEnvironment(environment));
        return OneCardConfig.from(values);
    }

    static Map<Setting, ConfigValue> readFile(Path file) {
        List<String> lines = readLines(file);
        Map<Setting, ConfigValue> values = new EnumMap<>(Setting.class);
        Map<Setting, Integer> seenOnLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            String where = file.getFileName() + ":" + lineNumber;
            if (line.length() > MAX_LINE_LENGTH) {
                throw new ConfigException(null, where + ": line longer than " + MAX_LINE_LENGTH + " characters");
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new ConfigException(null, where + ": expected 'key = value', got '" + abbreviate(line) + "'");
            }
            String key = line.substring(0, equals).strip();
            Setting setting = Setting.ofKey(key);
            if (setting == null) {
                throw new ConfigException(null, where + ": unknown setting '" + abbreviate(key) + "'; known: "
                    + knownKeys());
            }
            Integer earlier = seenOnLine.put(setting, lineNumber);
            if (earlier != null) {
                throw new ConfigException(setting, where + ": " + setting.key() + " is already set on line "
                    + earlier);
            }
            values.put(setting, new ConfigValue(line.substring(equals + 1).strip(), where));
        }
        return values;
    }

    private static List<String> readLines(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(null, "config file " + file + " does not exist or is not a file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(null, "config file " + file + " is larger than " + MAX_FILE_BYTES
                    + " bytes");
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(null, "config file " + file + " is not valid UTF-8");
        } catch (IOException e) {
            throw new ConfigException(null, "cannot read config file " + file + ": " + e.getMessage());
        }
    }

    static Map<Setting, ConfigValue> readEnvironment(Map<String, String> environment) {
        Map<Setting, ConfigValue> values = new EnumMap<>(Setting.class);
        for (String name : new TreeSet<>(environment.keySet())) {
            if (!Setting.looksLikeOneCardVariable(name) || LAUNCHER_VARIABLES.contains(name)) {
                continue;
            }
            Setting setting = Setting.ofEnvironmentVariable(name);
            if (setting == null) {
                throw new ConfigException(null, "unknown environment variable " + name + "; known: "
                    + knownVariables());
            }
            String text = environment.get(name).strip();
            if (!text.isEmpty()) {
                values.put(setting, new ConfigValue(text, ConfigValue.ENVIRONMENT));
            }
        }
        return values;
    }

    private static String knownKeys() {
        StringBuilder keys = new StringBuilder();
        for (Setting setting : Setting.values()) {
            keys.append(keys.length() == 0 ? "" : ", ").append(setting.key());
        }
        return keys.toString();
    }

    private static String knownVariables() {
        StringBuilder names = new StringBuilder();
        for (Setting setting : Setting.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(setting.environmentVariable());
        }
        return names.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
