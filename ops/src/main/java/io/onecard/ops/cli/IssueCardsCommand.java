package io.onecard.ops.cli;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.Currencies;
import io.onecard.core.ledger.Command;
import io.onecard.ops.config.OneCardConfig;
import io.onecard.ops.ledger.CardAdmin;
import io.onecard.ops.ledger.IssuedCard;
import io.onecard.ops.ledger.Money;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cards issue}: a batch of cards with generated PINs, for printing. Numbers and PINs go to a new CSV
 * file readable by its owner only, and nowhere else: not to the screen, not to the log.
 */
@picocli.CommandLine.Command(name = "issue", description = "Issue a batch of cards with generated PINs into a CSV "
    + "file (owner-only) for printing.")
final class IssueCardsCommand implements Callable<Integer> {
    /** Most cards one batch issues. */
    static final int MAX_COUNT = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(IssueCardsCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--count", required = true, paramLabel = "N", description = "cards to issue, 1.." + MAX_COUNT)
    private int count;

    @Option(names = "--amount", required = true, paramLabel = "MINOR",
        description = "value of each card in minor units (2500 is 25.00), 0 or more")
    private long amountMinor;

    @Option(names = "--currency", required = true, paramLabel = "CODE", description = "ISO 4217 code, e.g. EUR")
    private String currency;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv",
        description = "new CSV file for the numbers and PINs; it must not exist")
    private Path out;

    @Override
    public Integer call() {
        checkArguments();
        OneCardConfig config = RootCommand.of(spec).loadConfig();
        String batch = UUID.randomUUID().toString();
        int issued = 0;
        try (CardAdmin admin = CardAdmins.open(config);
             BufferedWriter writer = createOwnerOnly(out)) {
            writer.write("card_number,pin,currency,amount_minor\n");
            for (int i = 0; i < count; i++) {
                IssuedCard card = admin.issue(amountMinor, currency, "ops-batch:" + batch + ":" + i);
                writer.write(CardNumbers.format(card.cardNumber()) + "," + card.pin() + "," + card.currency() + ","
                    + card.balanceMinor() + "\n");
                writer.flush();
                issued++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + " (" + issued + " cards issued and written)", e);
        } finally {
            if (issued < count && issued > 0) {
                spec.commandLine().getErr().println("onecard: only " + issued + " of " + count
                    + " cards were issued; they are in " + out);
            }
        }
        LOG.info("issued a batch of {} cards of {} {} minor units (batch {})", issued, currency, amountMinor, batch);
        spec.commandLine().getOut().println("issued " + issued + " cards of " + Money.format(amountMinor, currency)
            + " " + currency + "; numbers and PINs are in " + out + " (readable by its owner only)");
        return ExitCodes.OK;
    }

    private void checkArguments() {
        if (count < 1 || count > MAX_COUNT) {
            throw new ParameterException(spec.commandLine(), "--count must be 1.." + MAX_COUNT);
        }
        if (amountMinor < 0 || amountMinor > Command.MAX_AMOUNT_MINOR) {
            throw new ParameterException(spec.commandLine(), "--amount must be 0.." + Command.MAX_AMOUNT_MINOR
                + " minor units");
        }
        if (Currencies.parse(currency) == Currencies.NONE) {
            throw new ParameterException(spec.commandLine(), "--currency must be an ISO 4217 code such as EUR");
        }
        if (Files.exists(out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " exists; choose a new file");
        }
    }

    private static BufferedWriter createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " exists", e);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
