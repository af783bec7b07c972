package io.onecard.ops.cli;

import io.onecard.ops.config.OneCardConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code onecard config}: checks the configuration as {@code serve} would and prints every setting with
 * its source, secrets hidden. Exits {@link ExitCodes#CONFIG} when the configuration is refused.
 */
@Command(name = "config", description = "Check the configuration and print the effective settings (secrets hidden).")
public final class ConfigCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        OneCardConfig config = RootCommand.of(spec).loadConfig();
        PrintWriter out = spec.commandLine().getOut();
        int rates = config.loadRates().rates().size();
        config.effectiveSettings().forEach(out::println);
        out.println("rates: " + rates + " destinations");
        out.println("configuration accepted");
        return ExitCodes.OK;
    }
}
