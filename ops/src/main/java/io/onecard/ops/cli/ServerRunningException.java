package io.onecard.ops.cli;

/**
 * A command needs the data directory to itself (or a way through the running server that this build does
 * not have), and a server holds it.
 */
public final class ServerRunningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerRunningException(String message) {
        super(message);
    }
}
