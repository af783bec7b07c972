package io.onecard.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldGenerateKeysOnceAndKeepThemOwnerOnly() throws Exception {
        OneCardConfig config = OneCardConfig.defaults(dataDir);

        ApiKeys first = ApiKeys.resolve(config, new SecureRandom());
        ApiKeys second = ApiKeys.resolve(config, new SecureRandom());

        assertThat(first.generated()).isTrue();
        assertThat(second.generated()).isFalse();
        assertThat(second.adminKey()).isEqualTo(first.adminKey());
        assertThat(second.gatewayKey()).isEqualTo(first.gatewayKey());
        assertThat(first.adminKey()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(first.gatewayKey());
        Path file = dataDir.resolve(ApiKeys.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(first.adminKey());
    }

    @Test
    void shouldPreferConfiguredKeysAndGenerateOnlyTheMissingOne() {
        OneCardConfig config = ConfigLoader.load(null, Map.of("ONECARD_DATA_DIR", dataDir.toString(),
            "ONECARD_ADMIN_KEY", "configured-admin-key-0123"));

        ApiKeys keys = ApiKeys.resolve(config, new SecureRandom());

        assertThat(keys.adminKey()).isEqualTo("configured-admin-key-0123");
        assertThat(keys.generated()).isTrue();
        assertThat(ApiKeys.configuredOrSavedAdminKey(OneCardConfig.defaults(dataDir))).isEmpty();
        assertThat(ApiKeys.resolve(OneCardConfig.defaults(dataDir), new SecureRandom()).gatewayKey())
            .isEqualTo(keys.gatewayKey());
    }
}
