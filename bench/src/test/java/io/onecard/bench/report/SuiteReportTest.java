package io.onecard.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteReportTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path results;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void shouldWriteTheSummaryAndThePlotsFromTheRawOutputs() throws Exception {
        writeRawOutputs();

        SuiteReport.write(results);

        String summary = Files.readString(results.resolve("summary.md"));
        assertThat(summary)
            .contains("took 612 s")
            .contains("| over the network: HTTP debits / JDBC transactions | 20,000 | 5,000 | **4.0×** |")
            .contains("| OneCard's ring without HTTP (`sync`, JMH) / JDBC | 150,000 | 5,000 | **30.0×** |")
            .contains("| 1,000 | 1,000 | 0.20 | 1.00 | 999 | 2.00 | 50 | 0 | 1,000 | 0.50 | 3.00 | 1.0× |")
            .contains("**through OneCard 200 calls/s**, sipp to sipp 400 calls/s")
            .contains("| `LedgerApplyBenchmark.debitWithPinThenRecharge` |  | 2,500 ± 100 ns/op | 72 |")
            .contains("| …0002 | 0 | 1000 | 880 | 120 (10 calls) | yes |");
        for (String plot : new String[] {"throughput.png", "latency.png", "achieved.png"}) {
            byte[] png = Files.readAllBytes(results.resolve(plot));
            assertThat(png).startsWith(PNG_SIGNATURE).hasSizeGreaterThan(1000);
        }
    }

    private void writeRawOutputs() throws Exception {
        Path raw = Files.createDirectories(results.resolve("suite"));
        write(raw, "run.txt", "started=2026-12-03T22:00:00Z cores=2 os=\"Linux 6.18\" java=\"openjdk 17\"",
            "seconds=10 warm_up=5 connections=64 cards=16 jmh=\"-wi 2 -f 1\"", "duration_seconds=612");
        write(raw, "http.txt",
            point("hello", 1000, 1000, 200, 1000), point("hello", 0, 90000, 900, 5000),
            point("debits", 1000, 999, 2000, 50000), point("debits", 0, 20000, 3000, 90000),
            "check balance_drop=1 debits_201=1 driver_settled=1 debits_other=0");
        write(raw, "jdbc.txt", point("jdbc", 1000, 1000, 500, 3000), "check cards=16 consistent=true",
            point("jdbc", 0, 5000, 9000, 70000));
        write(raw, "jmh-ledger.csv",
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\"",
            "\"io.onecard.bench.LedgerApplyBenchmark.debitWithPinThenRecharge\",\"avgt\",1,3,2500.0,100.0,\"ns/op\"",
            "\"io.onecard.bench.LedgerApplyBenchmark.debitWithPinThenRecharge:gc.alloc.rate.norm\",\"avgt\",1,3,"
                + "72.0,0.1,\"B/op\"");
        write(raw, "jmh-ring.csv", "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
                + "\"Unit\",\"Param: durability\",\"Param: waitStrategy\"",
            "\"io.onecard.bench.RingThroughputBenchmark.settleBatch\",\"thrpt\",1,3,180000.0,9000.0,\"ops/s\","
                + "async,sleeping",
            "\"io.onecard.bench.RingThroughputBenchmark.settleBatch\",\"thrpt\",1,3,150000.0,9000.0,\"ops/s\","
                + "sync,sleeping");
        write(raw, "ring-latency.txt", "durability=sync saturated=100000/s offered=50000/s sent=5 p50=1000.0us "
            + "p90=2000.0us p99=20000.0us p99.9=30000.0us max=40000.0us");
        write(raw, "sip.txt",
            "sipp-sipp  offered  200 calls/s  achieved  197.8 calls/s  successful 1000  failed   0  failed %: 0.000",
            "sipp-sipp  offered  400 calls/s  achieved  395.8 calls/s  successful 2000  failed   0  failed %: 0.000",
            "onecard    offered  200 calls/s  achieved  197.1 calls/s  successful 1000  failed   0  failed %: 0.000",
            "onecard    offered  400 calls/s  achieved  190.2 calls/s  successful 1990  failed  10  failed %: 0.500");
        write(raw, "mixed.txt", point("debits", 1000, 900, 1000, 9000),
            "card=9000000000000002 balance=0 drop=1000 web_amount=880 cdr_amount=120 cdr_calls=10",
            "mixed seconds=20 cards=1 balance_per_card=1000 web_offered=1000/s debit_minor=1 web_ok=880 "
                + "web_declined=5 web_overloaded=0 call_offered=50/s calls_ok=10 calls_failed=0 consistent=true");
    }

    private static String point(String target, long offered, long achieved, long p50Micros, long p99Micros) {
        return "target=" + target + " offered=" + offered + "/s sent=10 ok=10 declined=0 overloaded=0 other=0 achieved="
            + achieved + "/s p50=" + p50Micros + ".0us p90=" + p50Micros + ".0us p99=" + p99Micros + ".0us p99.9="
            + p99Micros + ".0us max=" + p99Micros + ".0us";
    }

    private static void write(Path dir, String name, String... lines) throws Exception {
        Files.write(dir.resolve(name), String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
    }
}
