package io.onecard.ops.cli;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.Currencies;
import io.onecard.core.journal.Journal;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.Credential;
import io.onecard.ops.config.OneCardConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onecard journal dump}: every journaled command, one readable line each, in journal order. Card
 * numbers are masked (also inside free-text fields), and nothing secret is printed: the journal holds no
 * PIN, and the PIN digest, salt and sealed SIP secret it does hold are left out. Reading is safe while a
 * server runs.
 */
@picocli.CommandLine.Command(name = "journal", description = "Read the journal.",
    subcommands = JournalCommand.Dump.class)
public final class JournalCommand implements Runnable {
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9]{16}(?![0-9])");

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** One line describing a command, with card numbers masked and secrets left out. */
    static String describe(long sequence, Command command) {
        StringBuilder line = new StringBuilder(160);
        line.append(Instant.ofEpochMilli(command.timestampMillis())).append("  #").append(sequence)
            .append("  ").append(command.type()).append("  ").append(command.channel().apiName());
        if (command.cardNumber() != CardNumbers.NONE) {
            line.append("  card=").append(CardNumbers.mask(command.cardNumber()));
        }
        if (command.amountMinor() != 0 || command.type() != null && command.type().movesMoney()) {
            line.append("  amount=").append(command.amountMinor());
        }
        if (command.fullAmount()) {
            line.append("  amount=all");
        }
        if (command.currency() != Currencies.NONE) {
            line.append(' ').append(Currencies.format(command.currency()));
        }
        appendIfSet(line, "hold", command.holdId());
        appendIfSet(line, "tx", command.transactionId());
        appendIfSet(line, "hold_seconds", command.holdSeconds());
        appendIfSet(line, "billed_seconds", command.billedSeconds());
        if (command.credential() != Credential.NONE) {
            line.append("  credential=").append(command.credential().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (command.pinGenerated()) {
            line.append("  pin=generated");
        }
        appendText(line, "call", command.callId());
        appendText(line, "dialled", command.dialled());
        appendText(line, "ref", command.reference());
        appendText(line, "key", command.idempotencyKey());
        return line.toString();
    }

    private static void appendIfSet(StringBuilder line, String name, long value) {
        if (value != 0) {
            line.append("  ").append(name).append('=').append(value);
        }
    }

    private static void appendText(StringBuilder line, String name, String value) {
        if (value != null && !value.isEmpty()) {
            line.append("  ").append(name).append('=').append(maskCardNumbers(value));
        }
    }

    /** Masks every sixteen-digit run with a valid check digit inside free text. */
    static String maskCardNumbers(String text) {
        Matcher matcher = LONG_DIGIT_RUN.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        while (matcher.find()) {
            long number = CardNumbers.parse(matcher.group());
            matcher.appendReplacement(masked, number == CardNumbers.NONE ? matcher.group()
                : CardNumbers.mask(number));
        }
        matcher.appendTail(masked);
        return masked.toString();
    }

    /** {@code journal dump [--card NUMBER] [--limit N]}. */
    @picocli.CommandLine.Command(name = "dump", description = "Print every journaled command, card numbers masked.")
    static final class Dump implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--card", paramLabel = "NUMBER", converter = CardNumberConverter.class,
            description = "only commands for this card")
        private Long card;

        @Option(names = "--limit", paramLabel = "N", description = "print at most N commands")
        private long limit = Long.MAX_VALUE;

        @Override
        public Integer call() {
            OneCardConfig config = RootCommand.of(spec).loadConfig();
            PrintWriter out = spec.commandLine().getOut();
            Path journalDir = config.dataDir().resolve("journal");
            if (!Files.isDirectory(journalDir)) {
                spec.commandLine().getErr().println("onecard: no journal in " + config.dataDir());
                return ExitCodes.FAILED;
            }
            long[] counts = new long[2];
            try (Journal journal = Journal.openForReading(config.dataDir())) {
                journal.replay(0, Long.MAX_VALUE, new Command(), command -> {
                    counts[0]++;
                    if ((card == null || command.cardNumber() == card) && counts[1] < limit) {
                        counts[1]++;
                        out.println(describe(counts[0], command));
                    }
                });
            }
            out.println("-- " + counts[1] + " of " + counts[0] + " journaled commands shown");
            return ExitCodes.OK;
        }
    }
}
