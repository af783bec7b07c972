package io.onecard.ops.cli;

import io.onecard.ops.config.OneCardConfig;
import io.onecard.ops.ledger.FlatJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code onecard cdr export}: the call records the SIP edge wrote for a range of days, as CSV (for billing
 * and reconciliation) or as the original JSON lines. Card numbers are already masked in the records.
 */
@Command(name = "cdr", description = "Call detail records of the SIP edge.", subcommands = CdrCommand.Export.class)
public final class CdrCommand implements Runnable {
    /** The columns of the CSV export, in order: the fields of a call record. */
    static final List<String> COLUMNS = List.of("call_id", "card", "dialled", "currency", "start", "answer", "end",
        "billed_seconds", "amount", "ended_by", "sip_status", "settlement", "transaction_id");
    /** Most days one export covers. */
    static final int MAX_DAYS = 366;
    /** Longest record line read, in characters. */
    static final int MAX_LINE_LENGTH = 4_096;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code cdr export --from DATE --to DATE [--format csv|jsonl] [--out FILE]}. */
    @Command(name = "export", description = "Export the call records of calls that ended from --from to --to "
        + "(UTC days, both included).")
    static final class Export implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "first day")
        private LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "last day")
        private LocalDate to;

        @Option(names = "--format", paramLabel = "FORMAT", description = "csv (default) or jsonl")
        private String format = "csv";

        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        private Path out;

        @Override
        public Integer call() throws IOException {
            checkArguments();
            OneCardConfig config = RootCommand.of(spec).loadConfig();
            Path directory = config.dataDir().resolve("cdr");
            long[] counts = new long[2];
            try (Writer writer = out == null ? new NonClosing(spec.commandLine().getOut())
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                if (format.equals("csv")) {
                    writer.write(String.join(",", COLUMNS) + "\n");
                }
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    Path file = directory.resolve("calls-" + day + ".jsonl");
                    if (Files.isRegularFile(file)) {
                        export(file, writer, counts);
                    }
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("onecard: " + counts[0] + " call records exported" + (counts[1] == 0 ? ""
                : ", " + counts[1] + " malformed lines skipped"));
            return counts[1] == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }

        private void checkArguments() {
            if (to.isBefore(from)) {
                throw new ParameterException(spec.commandLine(), "--to must not be before --from");
            }
            if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                throw new ParameterException(spec.commandLine(), "one export covers at most " + MAX_DAYS + " days");
            }
            if (!format.equals("csv") && !format.equals("jsonl")) {
                throw new ParameterException(spec.commandLine(), "--format must be csv or jsonl");
            }
        }

        private void export(Path file, Writer writer, long[] counts) throws IOException {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, String> record;
                try {
                    if (line.length() > MAX_LINE_LENGTH) {
                        throw new IllegalStateException("line too long");
                    }
                    record = FlatJson.parse(line.getBytes(StandardCharsets.UTF_8));
                } catch (IllegalStateException malformed) {
                    counts[1]++;
                    continue;
                }
                writer.write(format.equals("csv") ? csvRow(record) : line);
                writer.write('\n');
                counts[0]++;
            }
        }

        private static String csvRow(Map<String, String> record) {
            StringBuilder row = new StringBuilder(256);
            for (String column : COLUMNS) {
                if (row.length() > 0) {
                    row.append(',');
                }
                row.append(csvField(record.getOrDefault(column, "")));
            }
            return row.toString();
        }

        private static String csvField(String value) {
            if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
                return value;
            }
            return '"' + value.replace("\"", "\"\"") + '"';
        }
    }

    /** Standard output, left open when the export's writer closes. */
    private static final class NonClosing extends Writer {
        private final PrintWriter target;

        NonClosing(PrintWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            target.write(buffer, offset, length);
        }

        @Override
        public void flush() {
            target.flush();
        }

        @Override
        public void close() {
            target.flush();
        }
    }
}
