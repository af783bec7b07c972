package io.onecard.ops.config;

/**
 * One setting's text and where it came from, for error messages and the effective configuration.
 *
 * @param text the value as written, trimmed; empty means "none"
 * @param source {@code default}, {@code <file>:<line>} or {@code environment}
 */
public record ConfigValue(String text, String source) {
    /** The source of a built-in default. */
    public static final String DEFAULT = "default";
    /** The source of a value from an environment variable. */
    public static final String ENVIRONMENT = "environment";
}
