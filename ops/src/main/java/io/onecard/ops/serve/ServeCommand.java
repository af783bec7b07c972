package io.onecard.ops.serve;

import io.onecard.ops.cli.ExitCodes;
import io.onecard.ops.cli.RootCommand;
import io.onecard.ops.config.OneCardConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code onecard serve}: runs the server until the process is told to stop (Ctrl-C, SIGTERM). A shutdown
 * hook closes it: edges stop taking work, the ring drains, the journal and stores close cleanly, so the next
 * start has nothing to replay but what was journaled and not yet applied.
 */
@Command(name = "serve", description = "Run the OneCard server: ledger, HTTP API and SIP edge.")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        OneCardConfig config = RootCommand.of(spec).loadConfig();
        LOG.info("starting OneCard on {}", config.dataDir().toAbsolutePath().normalize());
        for (String line : config.effectiveSettings()) {
            LOG.info("config {}", line);
        }
        OneCardServer server = OneCardServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "onecard-shutdown"));
        Banner.print(spec.commandLine().getOut(), config, server);
        LOG.info("OneCard is ready");
        stopped.await();
        return ExitCodes.OK;
    }
}
