package io.onecard.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw outputs of one {@code bench/run}, read back from its {@code suite/} folder: the driver lines of the
 * HTTP and JDBC points, JMH's CSV files, the ring latency lines, sipp's per-rate lines, the mixed run and the
 * run's own settings and duration. Nothing here measures; it only reads what the run wrote.
 */
public record SuiteResults(Map<String, String> run, List<LoadPoint> http, List<LoadPoint> jdbc, List<JmhRow> jmh,
                           List<Map<String, String>> ringLatency, List<SipRow> sip, List<Map<String, String>> mixed) {
    private static final Pattern SIP_LINE = Pattern.compile("^(\\S+)\\s+offered\\s+(\\d+) calls/s\\s+achieved\\s+"
        + "(\\S+) calls/s\\s+successful\\s+(\\d+)\\s+failed\\s+(\\d+)\\s+failed %: (\\S+)");

    /** One JMH result: the benchmark (with {@code :gc.alloc.rate.norm} for that secondary figure) and its score. */
    public record JmhRow(String benchmark, String params, double score, double error, String unit) {
    }

    /** One sipp measurement: {@code sipp-sipp} or {@code onecard} at an offered rate. */
    public record SipRow(String label, int offeredPerSecond, double achievedPerSecond, long successful, long failed,
                         double failedPercent) {
    }

    /** Reads {@code <results dir>/suite/}. */
    public static SuiteResults read(Path resultsDir) throws IOException {
        Path raw = resultsDir.resolve("suite");
        Map<String, String> run = new HashMap<>();
        for (String line : lines(raw.resolve("run.txt"))) {
            run.putAll(KeyValues.parse(line));
        }
        List<JmhRow> jmh = new ArrayList<>(jmhRows(raw.resolve("jmh-ledger.csv")));
        jmh.addAll(jmhRows(raw.resolve("jmh-ring.csv")));
        List<Map<String, String>> ringLatency = new ArrayList<>();
        for (String line : lines(raw.resolve("ring-latency.txt"))) {
            if (line.startsWith("durability=")) {
                ringLatency.add(KeyValues.parse(line));
            }
        }
        List<SipRow> sip = new ArrayList<>();
        for (String line : lines(raw.resolve("sip.txt"))) {
            Matcher matcher = SIP_LINE.matcher(line);
            if (matcher.find()) {
                sip.add(new SipRow(matcher.group(1), Integer.parseInt(matcher.group(2)),
                    Double.parseDouble(matcher.group(3)), Long.parseLong(matcher.group(4)),
                    Long.parseLong(matcher.group(5)), Double.parseDouble(matcher.group(6))));
            }
        }
        List<Map<String, String>> mixed = new ArrayList<>();
        for (String line : lines(raw.resolve("mixed.txt"))) {
            mixed.add(KeyValues.parse(line.replaceFirst("^mixed ", "")));
        }
        return new SuiteResults(run, points(raw.resolve("http.txt")), points(raw.resolve("jdbc.txt")), jmh,
            ringLatency, sip, mixed);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
    }

    private static List<LoadPoint> points(Path file) throws IOException {
        List<LoadPoint> points = new ArrayList<>();
        for (String line : lines(file)) {
            if (line.startsWith("target=")) {
                points.add(LoadPoint.parse(line));
            }
        }
        return points;
    }

    private static List<JmhRow> jmhRows(Path csv) throws IOException {
        List<String> lines = lines(csv);
        List<JmhRow> rows = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] cells = line.replace("\"", "").split(",", -1);
            String error = cells[5].isEmpty() || cells[5].equals("NaN") ? "0" : cells[5];
            StringBuilder params = new StringBuilder();
            for (int i = 7; i < cells.length; i++) {
                params.append(params.length() == 0 ? "" : ", ").append(cells[i]);
            }
            rows.add(new JmhRow(cells[0].replace("io.onecard.bench.", ""), params.toString(),
                Double.parseDouble(cells[4]), Double.parseDouble(error), cells[6]));
        }
        return rows;
    }

    /** The points of one target ({@code hello}, {@code debits}, {@code jdbc}), the closed-loop maximum first. */
    public List<LoadPoint> target(String name) {
        List<LoadPoint> all = new ArrayList<>(http);
        all.addAll(jdbc);
        return all.stream().filter(point -> point.target().equals(name)).toList();
    }

    /** The closed-loop maximum of a target, or {@code null} when it was not measured. */
    public LoadPoint maximum(String name) {
        return target(name).stream().filter(LoadPoint::closedLoop).findFirst().orElse(null);
    }

    /** The mean score of a JMH benchmark whose parameters start with the given text, or NaN. */
    public double jmhScore(String benchmark, String params) {
        return jmh.stream().filter(row -> row.benchmark().equals(benchmark) && row.params().startsWith(params))
            .mapToDouble(JmhRow::score).findFirst().orElse(Double.NaN);
    }
}
