package io.onecard.ops.config;

import io.onecard.http.HttpEdgeConfig;
import java.time.Duration;
import java.util.function.Function;

/** The HTTP edge's own built-in limits, as config-file text, so that ops never disagrees with the edge. */
final class HttpDefaults {
    private static final String PLACEHOLDER_KEY = "placeholder-key-0123456789";
    private static final HttpEdgeConfig DEFAULTS = HttpEdgeConfig.defaults(PLACEHOLDER_KEY, PLACEHOLDER_KEY + "x");

    private HttpDefaults() {
    }

    static String text(Function<HttpEdgeConfig, Object> setting) {
        Object value = setting.apply(DEFAULTS);
        if (value instanceof Duration duration) {
            return Durations.format(duration);
        }
        return value.toString();
    }
}
