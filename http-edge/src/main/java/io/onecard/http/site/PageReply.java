package io.onecard.http.site;

import java.util.function.Supplier;

/**
 * Where the site sends the answer to one request. Callable once, from any thread (the ledger's replier
 * included); the page is rendered and written on the connection's own event loop, so the caller never
 * renders or writes.
 */
@FunctionalInterface
public interface PageReply {
    /** Sends the page that {@code page} renders, on the connection's event loop. */
    void send(Supplier<SitePage> page);
}
