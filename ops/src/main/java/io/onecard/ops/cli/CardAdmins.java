package io.onecard.ops.cli;

import io.onecard.core.DataDirLock;
import io.onecard.ops.config.OneCardConfig;
import io.onecard.ops.ledger.CardAdmin;
import io.onecard.ops.ledger.LocalCardAdmin;

/**
 * Chooses how the CLI reaches the ledger: the data directory itself when no server holds it, otherwise the
 * running server. Never both, and never around the ledger.
 */
final class CardAdmins {
    private CardAdmins() {
    }

    static CardAdmin open(OneCardConfig config) {
        if (DataDirLock.isHeld(config.dataDir())) {
            throw new ServerRunningException("a OneCard server is running on " + config.dataDir()
                + "; this build cannot send card commands through its admin API yet: stop the server, or use"
                + " the HTTP admin API (POST /v1/cards, /v1/cards/{number}/block, ...) with the admin key");
        }
        return LocalCardAdmin.open(config.core());
    }
}
