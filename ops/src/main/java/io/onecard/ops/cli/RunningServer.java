package io.onecard.ops.cli;

import io.onecard.ops.config.ApiKeys;
import io.onecard.ops.config.OneCardConfig;
import io.onecard.ops.serve.ServerEndpoint;
import java.net.URI;

/**
 * How the CLI reaches the server that holds a data directory: the address it announced in
 * {@code server.endpoint} and the admin key from the configuration or {@code api-keys.properties}.
 *
 * @param endpoint the server's HTTP address on this machine
 * @param adminKey the admin key
 */
record RunningServer(URI endpoint, String adminKey) {
    @Override
    public String toString() {
        return "RunningServer[" + endpoint + "]";
    }

    /** The running server of a data directory that a server holds. */
    static RunningServer of(OneCardConfig config) {
        URI endpoint = ServerEndpoint.read(config.dataDir()).orElseThrow(() -> new ServerRunningException(
            "a OneCard server holds " + config.dataDir() + " but announces no HTTP endpoint (it may still be "
                + "starting); try again, or stop it"));
        String adminKey = ApiKeys.configuredOrSavedAdminKey(config).orElseThrow(() -> new ServerRunningException(
            "a OneCard server is running on " + config.dataDir() + ", and no admin key is configured or saved "
                + "to reach it: set admin.key (ONECARD_ADMIN_KEY)"));
        return new RunningServer(endpoint, adminKey);
    }
}
