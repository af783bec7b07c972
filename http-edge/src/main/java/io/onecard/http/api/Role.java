package io.onecard.http.api;

import io.onecard.core.ledger.Channel;

/**
 * Who a request speaks for, as its API key says. The admin may do everything; the gateway may do
 * everything except issuing, blocking, unblocking and closing cards.
 */
enum Role {
    ADMIN("admin:", Channel.ADMIN),
    GATEWAY("gw:", Channel.WEB);

    private final String keyScope;
    private final Channel channel;

    Role(String keyScope, Channel channel) {
        this.keyScope = keyScope;
        this.channel = channel;
    }

    /** Prefix of this role's idempotency keys in the ledger, so that two clients' keys never meet. */
    String keyScope() {
        return keyScope;
    }

    /** The channel recorded in the card's history for this role's operations. */
    Channel channel() {
        return channel;
    }
}
