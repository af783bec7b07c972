package io.onecard.ops.config;

/**
 * A configuration that OneCard refuses to start with. The message names the setting (its key and its
 * environment variable), where the bad value came from, and what would be accepted, so that an operator can
 * fix it without reading code.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Setting setting;

    public ConfigException(Setting setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The setting at fault, or {@code null} when the file itself is malformed. */
    public Setting setting() {
        return setting;
    }
}
