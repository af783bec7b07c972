package io.onecard.ops.cli;

import io.onecard.core.DataDirLock;
import io.onecard.core.journal.Audit;
import io.onecard.core.journal.AuditReport;
import io.onecard.ops.config.OneCardConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code onecard audit}: replays the whole journal into a fresh ledger in a scratch directory (removed
 * afterwards), compares it entry by entry with the stores, and checks conservation. Exits
 * {@link ExitCodes#OK} only when nothing differs; every problem is printed (card numbers masked) and the exit
 * code is {@link ExitCodes#FAILED}.
 */
@Command(name = "audit", description = "Replay the journal, compare it with the stores, check conservation. "
    + "Exit code 1 on any difference.")
public final class AuditCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCommand.class);

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        OneCardConfig config = RootCommand.of(spec).loadConfig();
        Path dataDir = config.dataDir();
        if (!Files.isDirectory(dataDir.resolve("journal"))) {
            spec.commandLine().getErr().println("onecard: no journal in " + dataDir + ": nothing to audit");
            return ExitCodes.FAILED;
        }
        if (DataDirLock.isHeld(dataDir)) {
            throw new ServerRunningException("a OneCard server is running on " + dataDir
                + "; stop it to audit (a live audit through the server is not available in this build)");
        }
        AuditReport report = Audit.runOffline(config.core(), scratchDirectory(dataDir));
        PrintWriter out = spec.commandLine().getOut();
        out.println("journal commands replayed  " + report.commandsReplayed());
        out.println("cards                      " + report.cards());
        out.println("tail recovered first       " + report.recoveredCommands());
        for (String problem : report.problems()) {
            out.println("PROBLEM " + problem);
        }
        if (report.passed()) {
            out.println("audit passed: the stores equal a replay of the journal, and money is conserved");
            LOG.info("audit passed: {} commands, {} cards", report.commandsReplayed(), report.cards());
            return ExitCodes.OK;
        }
        out.println("audit FAILED: " + report.problems().size() + " problems");
        LOG.warn("audit failed with {} problems", report.problems().size());
        return ExitCodes.FAILED;
    }

    private static Path scratchDirectory(Path dataDir) {
        try {
            return Files.createTempDirectory(dataDir, "audit-scratch-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for the audit", e);
        }
    }
}
