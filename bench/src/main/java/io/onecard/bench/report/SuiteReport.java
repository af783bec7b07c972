package io.onecard.bench.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last step of {@code bench/run}: reads the run's raw outputs and writes {@code summary.md} and the PNG
 * plots next to them, so that the figures a reader sees are exactly those the run measured and checked.
 *
 * <p>Usage: {@code SuiteReport <results dir>} (the directory holding {@code suite/}), with
 * {@code -Djava.awt.headless=true}.
 */
public final class SuiteReport {
    private SuiteReport() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        write(dir);
    }

    /** Writes {@code summary.md}, {@code throughput.png}, {@code latency.png} and {@code achieved.png}. */
    public static void write(Path dir) throws Exception {
        SuiteResults results = SuiteResults.read(dir);
        Files.writeString(dir.resolve("summary.md"), SummaryTable.markdown(results, dir.getFileName().toString()),
            StandardCharsets.UTF_8);
        SuiteCharts.write(results, dir);
    }
}
