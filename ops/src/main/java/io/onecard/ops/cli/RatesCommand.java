package io.onecard.ops.cli;

import io.onecard.core.card.Currencies;
import io.onecard.sip.rating.Rate;
import io.onecard.sip.rating.RateTable;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code onecard rates check FILE}: reads a rate table exactly as the SIP edge will at start, and says
 * whether it would be accepted; a refused table names its first bad line.
 */
@Command(name = "rates", description = "Destination rate tables.", subcommands = RatesCommand.Check.class)
public final class RatesCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rates check FILE}. */
    @Command(name = "check", description = "Check a rate CSV (prefix,currency,price_per_minute,"
        + "first_increment_seconds,increment_seconds,connect_fee). Exit code 1 when it would be refused.")
    static final class Check implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the rate CSV")
        private Path file;

        @Override
        public Integer call() {
            RateTable table;
            try {
                table = RateTable.load(file);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                spec.commandLine().getErr().println("onecard: rate table refused: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            List<Rate> rates = table.rates();
            TreeMap<String, Integer> byCurrency = new TreeMap<>();
            int longestPrefix = 0;
            for (Rate rate : rates) {
                byCurrency.merge(Currencies.format(rate.currency()), 1, Integer::sum);
                longestPrefix = Math.max(longestPrefix, rate.prefix().length());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("rate table accepted: " + rates.size() + " rates");
            byCurrency.forEach((currency, count) -> out.println("  " + currency + "  " + count + " rates"));
            out.println("  longest prefix " + longestPrefix + " digits");
            return ExitCodes.OK;
        }
    }
}
