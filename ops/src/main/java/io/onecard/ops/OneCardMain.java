package io.onecard.ops;

import io.onecard.ops.cli.ExitCodes;
import io.onecard.ops.cli.RootCommand;
import io.onecard.ops.cli.ServerRunningException;
import io.onecard.ops.config.ConfigException;
import io.onecard.ops.ledger.LedgerRefusedException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The {@code onecard} program: parses the command line and runs one command. Every failure ends in one
 * plain sentence on standard error and an exit code from {@link ExitCodes}; no stack trace reaches an
 * operator unless debug logging is on.
 */
public final class OneCardMain {
    private static final Logger LOG = LoggerFactory.getLogger(OneCardMain.class);

    private OneCardMain() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), out, err));
    }

    /** Runs one command with the given environment and output streams, and returns its exit code. */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new RootCommand(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> failure(exception, err));
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int failure(Exception exception, PrintWriter err) {
        if (exception instanceof ConfigException) {
            err.println("onecard: configuration refused: " + exception.getMessage());
            return ExitCodes.CONFIG;
        }
        if (exception instanceof ServerRunningException) {
            err.println("onecard: " + exception.getMessage());
            return ExitCodes.SERVER_RUNNING;
        }
        if (exception instanceof LedgerRefusedException) {
            err.println("onecard: refused: " + exception.getMessage());
            return ExitCodes.FAILED;
        }
        LOG.debug("command failed", exception);
        err.println("onecard: failed: " + describe(exception));
        return ExitCodes.FAILED;
    }

    private static String describe(Throwable exception) {
        StringBuilder text = new StringBuilder(String.valueOf(exception.getMessage()));
        for (Throwable cause = exception.getCause(); cause != null && cause != exception; cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}
