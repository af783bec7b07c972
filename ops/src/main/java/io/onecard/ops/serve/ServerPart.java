package io.onecard.ops.serve;

/**
 * One network-facing part of the running server (the HTTP edge, the SIP edge). The server starts its parts
 * after the ledger has recovered and stops them, in reverse order, before the ledger drains and closes, so
 * that no part publishes into a ring that is shutting down.
 */
public interface ServerPart extends AutoCloseable {
    /** What the part is, for the start-up banner, e.g. {@code HTTP API and card site}. */
    String name();

    /**
     * Starts taking work.
     *
     * @return where it listens, e.g. {@code http://127.0.0.1:8080}
     */
    String start();

    /** Stops taking work and finishes or ends what is in progress. */
    @Override
    void close();
}
