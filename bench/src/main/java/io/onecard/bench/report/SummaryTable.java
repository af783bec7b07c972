package io.onecard.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code summary.md} of a suite run: OneCard against PostgreSQL first (OneCard's rate as a multiple of
 * PostgreSQL's), then every measurement with the figures it rests on. Every table is computed from the run's
 * raw outputs; ratios compare figures taken minutes apart in the same run on the same machine.
 */
public final class SummaryTable {
    private static final double SIP_FAILED_PERCENT_LIMIT = 0.1;

    private final SuiteResults results;
    private final StringBuilder markdown = new StringBuilder(8192);

    private SummaryTable(SuiteResults results) {
        this.results = results;
    }

    /** The whole Markdown document. */
    public static String markdown(SuiteResults results, String date) {
        SummaryTable table = new SummaryTable(results);
        table.header(date);
        table.headline();
        table.offeredRates();
        table.core();
        table.sip();
        table.mixed();
        return table.markdown.toString();
    }

    private void header(String date) {
        Map<String, String> run = results.run();
        line("# OneCard benchmark suite, " + date);
        line("");
        line("`bench/run`, started " + run.getOrDefault("started", "?") + ", took "
            + run.getOrDefault("duration_seconds", "?") + " s. " + run.getOrDefault("cores", "?") + " cores, "
            + run.getOrDefault("os", "?") + ", " + run.getOrDefault("java", "?") + ", "
            + run.getOrDefault("postgresql", "?") + ", sipp " + run.getOrDefault("sipp", "?") + ".");
        line("Load points: " + run.getOrDefault("warm_up", "?") + " s warm-up then " + run.getOrDefault("seconds", "?")
            + " s measured, " + run.getOrDefault("connections", "?") + " connections, "
            + run.getOrDefault("cards", "?") + " cards. JMH (short settings): `" + run.getOrDefault("jmh", "?")
            + "`, ring `" + run.getOrDefault("ring_jmh", "?") + "`. Raw outputs: `suite/`. Plots: "
            + "`throughput.png`, `latency.png`, `achieved.png`.");
        line("");
    }

    private void headline() {
        LoadPoint onecard = results.maximum("debits");
        LoadPoint postgres = results.maximum("jdbc");
        LoadPoint hello = results.maximum("hello");
        double ring = results.jmhScore("RingThroughputBenchmark.settleBatch", "sync");
        line("## OneCard against PostgreSQL");
        line("");
        line("| maximum settlements per second (closed loop) | OneCard | PostgreSQL | OneCard / PostgreSQL |");
        line("|---|---|---|---|");
        if (onecard != null && postgres != null) {
            line("| over the network: HTTP debits / JDBC transactions | " + rate(onecard.achievedPerSecond()) + " | "
                + rate(postgres.achievedPerSecond()) + " | **" + times(onecard.achievedPerSecond(),
                postgres.achievedPerSecond()) + "** |");
            line("| OneCard's ring without HTTP (`sync`, JMH) / JDBC | " + rate(ring) + " | "
                + rate(postgres.achievedPerSecond()) + " | **" + times(ring, postgres.achievedPerSecond()) + "** |");
        }
        if (hello != null) {
            line("| Netty hello-world, no settling (the ceiling of HTTP here) | " + rate(hello.achievedPerSecond())
                + " | | |");
        }
        line("");
    }

    private void offeredRates() {
        line("## At fixed offered rates (open loop, latency from each request's due time)");
        line("");
        line("| offered /s | hello-world settled /s | p50 | p99 | OneCard settled /s | p50 | p99 | 503 | "
            + "PostgreSQL settled /s | p50 | p99 | OneCard / PostgreSQL |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (LoadPoint point : results.target("debits")) {
            if (point.closedLoop()) {
                continue;
            }
            LoadPoint hello = atRate("hello", point.offeredPerSecond());
            LoadPoint postgres = atRate("jdbc", point.offeredPerSecond());
            line("| " + rate(point.offeredPerSecond()) + " | " + cells(hello) + " | " + cells(point) + " | "
                + point.overloaded() + " | " + cells(postgres) + " | " + (postgres == null ? "" : times(
                point.achievedPerSecond(), postgres.achievedPerSecond())) + " |");
        }
        line("");
        line("Latencies in ms. \"settled /s\" counts answers 200/201 (or committed transactions) of the measured "
            + "requests, up to the last answer: below the offered rate when the target fell behind. 503 is "
            + "OneCard's back-pressure answer (ring full); nothing changes for it.");
        line("");
    }

    private LoadPoint atRate(String target, long offered) {
        return results.target(target).stream().filter(point -> point.offeredPerSecond() == offered).findFirst()
            .orElse(null);
    }

    private static String cells(LoadPoint point) {
        if (point == null) {
            return " | | ";
        }
        return rate(point.achievedPerSecond()) + " | " + millis(point.p50Micros()) + " | " + millis(point.p99Micros());
    }

    private void core() {
        line("## Core (JMH)");
        line("");
        line("| benchmark | parameters | score | bytes allocated per operation |");
        line("|---|---|---|---|");
        for (SuiteResults.JmhRow row : results.jmh()) {
            if (row.benchmark().contains(":")) {
                continue;
            }
            String bytes = results.jmh().stream().filter(other -> other.benchmark().equals(row.benchmark()
                + ":gc.alloc.rate.norm") && other.params().equals(row.params())).findFirst()
                .map(other -> String.format(Locale.ROOT, "%.0f", other.score())).orElse("");
            String score = String.format(Locale.ROOT, "%,.0f ± %,.0f %s", row.score(), row.error(), row.unit());
            line("| `" + row.benchmark() + "` | " + row.params() + " | " + score + " | " + bytes + " |");
        }
        line("");
        line("A ledger operation is one command (JMH divides by `@OperationsPerInvocation`), so ns/op is ns per "
            + "command and the bytes are per command. Ring: commands settled per second end to end.");
        line("");
        line("| ring latency | saturated /s | offered /s | p50 | p90 | p99 | p99.9 | max |");
        line("|---|---|---|---|---|---|---|---|");
        for (Map<String, String> latency : results.ringLatency()) {
            line("| `" + latency.get("durability") + "` | " + rate(KeyValues.number(latency, "saturated")) + " | "
                + rate(KeyValues.number(latency, "offered")) + " | " + millis(KeyValues.number(latency, "p50"))
                + " | " + millis(KeyValues.number(latency, "p90")) + " | " + millis(KeyValues.number(latency, "p99"))
                + " | " + millis(KeyValues.number(latency, "p99.9")) + " | "
                + millis(KeyValues.number(latency, "max")) + " |");
        }
        line("");
    }

    private void sip() {
        List<SuiteResults.SipRow> rows = results.sip();
        line("## SIP calls (100 ms calls, answered at once)");
        line("");
        line("| offered calls/s | sipp to sipp: achieved /s | failed % | through OneCard: achieved /s | failed % |");
        line("|---|---|---|---|---|");
        for (SuiteResults.SipRow baseline : rows) {
            if (!baseline.label().equals("sipp-sipp")) {
                continue;
            }
            SuiteResults.SipRow onecard = rows.stream().filter(row -> row.label().equals("onecard")
                && row.offeredPerSecond() == baseline.offeredPerSecond()).findFirst().orElse(null);
            line("| " + baseline.offeredPerSecond() + " | " + rate(baseline.achievedPerSecond()) + " | "
                + baseline.failedPercent() + " | " + (onecard == null ? " | " : rate(onecard.achievedPerSecond())
                + " | " + onecard.failedPercent()) + " |");
        }
        line("");
        line("Highest offered rate with under 0.1 % failed calls (of the rates tried, each lower one clean too): "
            + "**through OneCard " + highestClean("onecard") + "**, sipp to sipp " + highestClean("sipp-sipp")
            + ". sipp's achieved rate counts from its start to its last call's end, retransmission waits included.");
        line("");
    }

    /** The highest offered rate with under 0.1 % failed calls, below which every tried rate was clean too. */
    String highestClean(String label) {
        int highest = 0;
        for (SuiteResults.SipRow row : results.sip()) {
            if (row.label().equals(label)) {
                if (row.failedPercent() >= SIP_FAILED_PERCENT_LIMIT || row.successful() == 0) {
                    break;
                }
                highest = row.offeredPerSecond();
            }
        }
        return highest == 0 ? "none of the rates tried" : highest + " calls/s";
    }

    private void mixed() {
        Map<String, String> summary = results.mixed().stream().filter(values -> values.containsKey("calls_ok"))
            .findFirst().orElse(null);
        if (summary == null) {
            return;
        }
        double seconds = KeyValues.number(summary, "seconds");
        line("## Both channels on the same cards at once (one server: core, settlement server, calling-card edge)");
        line("");
        line("| channel | offered /s | settled | refused | settled /s |");
        line("|---|---|---|---|---|");
        line("| phone calls (sipp through the B2BUA) | " + rate(KeyValues.number(summary, "call_offered")) + " | "
            + summary.get("calls_ok") + " calls | " + summary.get("calls_failed") + " calls not completed | "
            + rate(KeyValues.number(summary, "calls_ok") / seconds) + " |");
        String shape = "both".equals(summary.get("web_shape")) ? "debits and authorize + capture, alternating"
            : "debits";
        line("| web settlements of " + summary.get("debit_minor") + " minor units (HTTP " + shape + ") | "
            + rate(KeyValues.number(summary, "web_offered")) + " | " + summary.get("web_ok") + " settled | "
            + summary.get("web_declined") + " declined (402), " + summary.get("web_overloaded") + " overloaded (503) | "
            + rate(KeyValues.number(summary, "web_ok") / seconds) + " |");
        line("");
        line("| card | final balance | balance drop | web settlements | call records | drop = web + calls |");
        line("|---|---|---|---|---|---|");
        for (Map<String, String> card : results.mixed()) {
            if (card.containsKey("drop")) {
                String number = card.get("card");
                long drop = Long.parseLong(card.get("drop"));
                long web = Long.parseLong(card.get("web_amount"));
                long calls = Long.parseLong(card.get("cdr_amount"));
                line("| …" + number.substring(number.length() - 4) + " | " + card.get("balance") + " | " + drop
                    + " | " + web + " | " + calls + " (" + card.get("cdr_calls") + " calls) | "
                    + (drop == web + calls && Long.parseLong(card.get("balance")) >= 0 ? "yes" : "**no**") + " |");
            }
        }
        line("");
        line("Each card started with " + summary.get("balance_per_card") + " minor units, less than the run offered, "
            + "so both channels ran it dry together: consistent=" + summary.get("consistent") + ". Once a card "
            + "cannot cover a call's first minute the edge refuses the call (402), which sipp counts as not "
            + "completed; a refused call leaves a call record with amount 0.");
        line("");
    }

    private static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "" : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String millis(double micros) {
        return String.format(Locale.ROOT, micros < 10_000 ? "%.2f" : "%,.0f", micros / 1000.0);
    }

    private static String times(double onecard, double postgres) {
        return postgres > 0 && !Double.isNaN(onecard) ? String.format(Locale.ROOT, "%.1f×", onecard / postgres) : "";
    }

    private void line(String text) {
        markdown.append(text).append('\n');
    }
}
