package io.onecard.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped sample documents every setting, with the built-in default, and is accepted as it is. */
class SampleConfigurationTest {
    private static final Path SAMPLE = Path.of("onecard.conf.sample");

    @TempDir
    Path dir;

    @Test
    void shouldListEverySettingWithItsBuiltInDefault() {
        Map<Setting, ConfigValue> sample = ConfigLoader.readFile(SAMPLE);

        for (Setting setting : Setting.values()) {
            assertThat(sample).as(setting.key()).containsKey(setting);
            String text = sample.get(setting).text();
            if (text.matches("[0-9]+(ms|s|m|h|d)")) {
                assertThat(Durations.parse(text)).as(setting.key()).isEqualTo(Durations.parse(setting.defaultText()));
            } else {
                assertThat(text).as(setting.key()).isEqualTo(setting.defaultText());
            }
        }
    }

    @Test
    void shouldAcceptTheSampleAsItIs() {
        OneCardConfig config = ConfigLoader.load(SAMPLE, Map.of("ONECARD_DATA_DIR", dir.toString()));

        assertThat(config.core()).isEqualTo(io.onecard.core.CoreConfig.defaults(dir));
        assertThat(config.httpPort()).isEqualTo(8080);
    }
}
