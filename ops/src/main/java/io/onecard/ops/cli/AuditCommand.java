package io.onecard.ops.cli;

import io.onecard.core.DataDirLock;
import io.onecard.core.journal.Audit;
import io.onecard.core.journal.AuditReport;
import io.onecard.ops.config.OneCardConfig;
import io.onecard.ops.ledger.HttpLiveAudit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code onecard audit}: replays the whole journal into a fresh ledger in a scratch directory (removed
 * afterwards), compares it entry by entry with the stores, and checks conservation. With no server on the
 * data directory it does this in its own process; while a server holds the directory it asks that server
 * for a live audit ({@code POST /v1/admin/audit}), which replays beside the running ring. Exits
 * {@link ExitCodes#OK} only when nothing differs; every problem is printed (card numbers masked) and the exit
 * code is {@link ExitCodes#FAILED}.
 */
@Command(name = "audit", description = "Replay the journal, compare it with the stores, check conservation; "
    + "through the running server when one holds the data directory. Exit code 1 on any difference.")
public final class AuditCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCommand.class);

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        OneCardConfig config = RootCommand.of(spec).loadConfig();
        Path dataDir = config.dataDir();
        if (!Files.isDirectory(dataDir.resolve("journal"))) {
            spec.commandLine().getErr().println("onecard: no journal in " + dataDir + ": nothing to audit");
            return ExitCodes.FAILED;
        }
        if (DataDirLock.isHeld(dataDir)) {
            return live(RunningServer.of(config));
        }
        AuditReport report = Audit.runOffline(config.core(), scratchDirectory(dataDir));
        PrintWriter out = spec.commandLine().getOut();
        out.println("journal commands replayed  " + report.commandsReplayed());
        out.println("cards                      " + report.cards());
        out.println("tail recovered first       " + report.recoveredCommands());
        return verdict(report.problems(), report.problems().size());
    }

    private int live(RunningServer server) throws InterruptedException {
        HttpLiveAudit.Report report = new HttpLiveAudit(server.endpoint(), server.adminKey()).audit();
        Map<String, String> fields = report.fields();
        PrintWriter out = spec.commandLine().getOut();
        out.println("live audit by the server   " + server.endpoint());
        out.println("journal commands replayed  " + fields.get("commands_replayed"));
        out.println("journal index audited      " + fields.get("journal_index"));
        out.println("cards                      " + fields.get("cards"));
        out.println("balances (minor units)     " + fields.get("conservation.balances") + ", held "
            + fields.get("conservation.held"));
        out.println("ledger paused              " + fields.get("ledger_pause_millis") + " ms");
        int found = Integer.parseInt(fields.getOrDefault("differences_found", "0"));
        if (!report.passed() && report.differences().isEmpty() && found == 0) {
            return verdict(List.of("the server reported a failed audit without differences"), 1);
        }
        return verdict(report.differences(), found);
    }

    private int verdict(List<String> problems, int found) {
        PrintWriter out = spec.commandLine().getOut();
        for (String problem : problems) {
            out.println("PROBLEM " + problem);
        }
        if (found == 0) {
            out.println("audit passed: the stores equal a replay of the journal, and money is conserved");
            LOG.info("audit passed");
            return ExitCodes.OK;
        }
        out.println("audit FAILED: " + found + " problems" + (found > problems.size() ? " (" + problems.size()
            + " listed)" : ""));
        LOG.warn("audit failed with {} problems", found);
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
