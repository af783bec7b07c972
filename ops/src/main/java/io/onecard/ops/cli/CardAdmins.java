package io.onecard.ops.cli;

import io.onecard.core.DataDirLock;
import io.onecard.ops.config.OneCardConfig;
import io.onecard.ops.ledger.CardAdmin;
import io.onecard.ops.ledger.HttpCardAdmin;
import io.onecard.ops.ledger.LocalCardAdmin;

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
        RunningServer server = RunningServer.of(config);
        return new HttpCardAdmin(server.endpoint(), server.adminKey());
    }
}
