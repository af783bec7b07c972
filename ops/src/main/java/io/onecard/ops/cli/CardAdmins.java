package io.onecard.ops.cli;

import io.onecard.core.DataDirLock;
import io.onecard.ops.config.ApiKeys;
import io.onecard.ops.config.OneCardConfig;
import io.onecard.ops.ledger.CardAdmin;
import io.onecard.ops.ledger.HttpCardAdmin;
import io.onecard.ops.ledger.LocalCardAdmin;
import io.onecard.ops.serve.ServerEndpoint;
import java.net.URI;

/**
 * Chooses how the CLI reaches the ledger: the data directory itself when no server holds it, otherwise the
 * running server. Never both, and never around the ledger.
 */
final class CardAdmins {
    private CardAdmins() {
    }

    static CardAdmin open(OneCardConfig config) {
        if (!DataDirLock.isHeld(config.dataDir())) {
            return LocalCardAdmin.open(config.core());
        }
        URI endpoint = ServerEndpoint.read(config.dataDir()).orElseThrow(() -> new ServerRunningException(
            "a OneCard server holds " + config.dataDir() + " but announces no HTTP endpoint (it may still be "
                + "starting); try again, or stop it"));
        String adminKey = ApiKeys.configuredOrSavedAdminKey(config).orElseThrow(() -> new ServerRunningException(
            "a OneCard server is running on " + config.dataDir() + ", and no admin key is configured or saved "
                + "to reach it: set admin.key (ONECARD_ADMIN_KEY)"));
        return new HttpCardAdmin(endpoint, adminKey);
    }
}
