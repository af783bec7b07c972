package io.onecard.ops.config;

import io.onecard.core.CoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/** The core's own built-in defaults, as config-file text, so that ops never disagrees with the core. */
final class CoreDefaults {
    private static final CoreConfig DEFAULTS = CoreConfig.defaults(Path.of("data"));

    private CoreDefaults() {
    }

    static String text(Function<CoreConfig, Object> setting) {
        Object value = setting.apply(DEFAULTS);
        if (value instanceof Duration duration) {
            return Durations.format(duration);
        }
        return value.toString().toLowerCase(Locale.ROOT);
    }
}
