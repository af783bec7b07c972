package io.onecard.http.site;

import io.onecard.core.ledger.Command;
import io.onecard.core.ring.ResultListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A result listener that answers the browser even when reading the result fails: otherwise the request
 * would wait for an answer that never comes, and the connection with it.
 */
final class GuardedListener implements ResultListener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    private final ResultListener listener;
    private final Runnable onFailure;

    private GuardedListener(ResultListener listener, Runnable onFailure) {
        this.listener = listener;
        this.onFailure = onFailure;
    }

    /** Runs {@code listener}; when it throws, logs the failure and runs {@code onFailure} instead. */
    static ResultListener guard(ResultListener listener, Runnable onFailure) {
        return new GuardedListener(listener, onFailure);
    }

    @Override
    public void onResult(Command command) {
        try {
            listener.onResult(command);
        } catch (RuntimeException failure) {
            LOG.warn("the site could not read the ledger's result of {}", command.type(), failure);
            onFailure.run();
        }
    }
}
