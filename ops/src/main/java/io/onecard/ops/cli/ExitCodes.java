package io.onecard.ops.cli;

/**
 * What the {@code onecard} process exits with, so that scripts and systemd can tell failures apart.
 * Configuration errors use 78 ({@code EX_CONFIG} of sysexits), so that a service manager can stop
 * restarting a server that will never start.
 */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** The command ran and found a problem (an audit difference, a refused card operation). */
    public static final int FAILED = 1;
    /** Wrong command-line usage. */
    public static final int USAGE = 2;
    /** A server holds the data directory and this command cannot go through it. */
    public static final int SERVER_RUNNING = 3;
    /** The configuration was refused. */
    public static final int CONFIG = 78;

    private ExitCodes() {
    }
}
