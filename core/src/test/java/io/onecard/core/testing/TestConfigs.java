package io.onecard.core.testing;

import io.onecard.core.CoreConfig;
import java.nio.file.Path;

/** Small stores, so that tests open the ledger in milliseconds. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static CoreConfig small(Path dataDir) {
        return CoreConfig.defaults(dataDir).withCapacity(20_000, 5_000, 50_000, 100_000, 50_000);
    }
}
