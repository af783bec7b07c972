package io.onecard.ops.testing;

import io.onecard.ops.OneCardMain;
import io.onecard.ops.config.ConfigLoader;
import io.onecard.ops.config.OneCardConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real {@code onecard} command line in this JVM, with its own environment and captured output. */
public final class Cli {
    private final Map<String, String> environment = new HashMap<>();

    private Cli(Map<String, String> environment) {
        this.environment.putAll(environment);
    }

    /** A CLI on a data directory, with small stores so that each command opens the ledger quickly. */
    public static Cli on(Path dataDir) {
        return new Cli(smallLedger(dataDir));
    }

    /** A CLI with no setting but the data directory: everything else comes from defaults or a file. */
    public static Cli bare(Path dataDir) {
        return new Cli(Map.of("ONECARD_DATA_DIR", dataDir.toString()));
    }

    /** The environment of a small ledger in {@code dataDir}, its HTTP and SIP edges on free ports. */
    public static Map<String, String> smallLedger(Path dataDir) {
        return Map.of("ONECARD_DATA_DIR", dataDir.toString(), "ONECARD_LEDGER_MAX_CARDS", "20000",
            "ONECARD_LEDGER_MAX_OPEN_HOLDS", "5000", "ONECARD_LEDGER_TRANSACTION_RETENTION", "50000",
            "ONECARD_LEDGER_HISTORY_RETENTION", "100000", "ONECARD_IDEMPOTENCY_MAX_KEYS", "50000",
            "ONECARD_RING_SIZE", "1024", "ONECARD_HTTP_PORT", "0",
            "ONECARD_SIP_PORT", Integer.toString(Ports.freeUdpAndTcp()));
    }

    /** The checked configuration of a small ledger in {@code dataDir}. */
    public static OneCardConfig smallConfig(Path dataDir) {
        return ConfigLoader.load(null, smallLedger(dataDir));
    }

    public Cli with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    public Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OneCardMain.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** What one command did. */
    public record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
