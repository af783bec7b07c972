package io.onecard.ops.cli;

import io.onecard.ops.config.ConfigLoader;
import io.onecard.ops.config.OneCardConfig;
import io.onecard.ops.logging.LogSetup;
import io.onecard.ops.serve.ServeCommand;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code onecard} command: its global {@code --config} option and its subcommands. It also loads the
 * configuration for them, so that every subcommand sees the same file-then-environment rules.
 */
@Command(name = "onecard", mixinStandardHelpOptions = true, version = "OneCard 0.1.0",
    description = "OneCard prepaid card settlement: the server and the operator's tools.",
    subcommands = {ServeCommand.class, CardsCommand.class, JournalCommand.class, AuditCommand.class,
        ConfigCommand.class, CdrCommand.class, RatesCommand.class},
    footer = {"", "Settings come from built-in defaults, then --config FILE, then ONECARD_* environment variables.",
        "Exit codes: 0 ok, 1 failed, 2 usage, 3 a server holds the data directory, 78 bad configuration."})
public final class RootCommand implements Runnable {
    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
        description = "config file of 'key = value' lines (see onecard.conf.sample)")
    private Path configFile;

    public RootCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Loads and checks the configuration, and switches logging to the configured format. */
    public OneCardConfig loadConfig() {
        OneCardConfig config = ConfigLoader.load(configFile, environment);
        LogSetup.apply(config.logFormat());
        return config;
    }

    /** The root command of any command's spec. */
    public static RootCommand of(CommandSpec spec) {
        return (RootCommand) spec.root().userObject();
    }
}
