package io.onecard.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.Currencies;
import io.onecard.ops.testing.Cli;
import io.onecard.sip.call.CallRecord;
import io.onecard.sip.call.CallRecordWriter;
import io.onecard.sip.call.EndReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rates check} judges a table as the SIP edge would; {@code cdr export} reads the edge's own records. */
class RatesAndCdrCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldAcceptAGoodRateTableAndNameTheLineOfABadOne() throws Exception {
        Path good = Files.writeString(dir.resolve("good.csv"), "# rates\n44,EUR,12,60,60,0\n1,EUR,6,30,6,0\n"
            + "1,USD,6,30,6,5\n");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "44,EUR,12,60,60,0\n33,EUR,-3,60,60,0\n");

        Cli.Run accepted = Cli.on(dir.resolve("data")).run("rates", "check", good.toString());
        Cli.Run refused = Cli.on(dir.resolve("data")).run("rates", "check", bad.toString());

        assertThat(accepted.exitCode()).as(accepted.toString()).isEqualTo(ExitCodes.OK);
        assertThat(accepted.out()).contains("accepted: 3 rates").contains("EUR  2 rates").contains("USD  1 rates");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("refused").contains("2");
    }

    @Test
    void shouldRefuseToStartWithABadRatesFileNamingTheSetting() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "44,EUR,twelve,60,60,0\n");

        Cli.Run run = Cli.on(dir.resolve("data")).with("ONECARD_RATES_FILE", bad.toString()).run("config");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("rates.file").contains("ONECARD_RATES_FILE");
    }

    @Test
    void shouldExportTheCallRecordsOfTheChosenDaysAsCsvAndJsonLines() throws Exception {
        Path dataDir = dir.resolve("data");
        long card = new CardNumbers("900000", new java.security.SecureRandom()).draw();
        try (CallRecordWriter writer = new CallRecordWriter(dataDir)) {
            writer.write(call("day-one", card, "2026-01-10T10:00:00Z", 120, 24));
            writer.write(call("day-two", card, "2026-01-11T23:59:00Z", 30, 6));
            writer.write(call("day-three", card, "2026-01-12T00:01:00Z", 60, 12));
        }

        Cli.Run csv = Cli.on(dataDir).run("cdr", "export", "--from", "2026-01-10", "--to", "2026-01-11");
        Path jsonl = dir.resolve("calls.jsonl");
        Cli.Run lines = Cli.on(dataDir).run("cdr", "export", "--from", "2026-01-12", "--to", "2026-01-12",
            "--format", "jsonl", "--out", jsonl.toString());

        assertThat(csv.exitCode()).as(csv.toString()).isEqualTo(ExitCodes.OK);
        assertThat(csv.out().lines()).hasSize(3).first().isEqualTo(String.join(",", CdrCommand.COLUMNS));
        assertThat(csv.out()).contains("day-one," + CardNumbers.mask(card) + ",442071234567,EUR,")
            .contains("day-two").doesNotContain("day-three").doesNotContain(Long.toString(card));
        assertThat(csv.err()).contains("2 call records exported");
        assertThat(lines.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllLines(jsonl)).singleElement().asString().startsWith("{\"call_id\":\"day-three\"");
    }

    @Test
    void shouldReportMalformedRecordsWithExitCodeOne() throws Exception {
        Path cdr = Files.createDirectories(dir.resolve("data/cdr"));
        Files.writeString(cdr.resolve("calls-2026-02-01.jsonl"), "{\"call_id\":\"fine\"}\nnot json\n");

        Cli.Run run = Cli.on(dir.resolve("data")).run("cdr", "export", "--from", "2026-02-01", "--to", "2026-02-01");
        Cli.Run backwards = Cli.on(dir.resolve("data")).run("cdr", "export", "--from", "2026-02-02", "--to",
            "2026-02-01");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("fine");
        assertThat(run.err()).contains("1 call records exported, 1 malformed lines skipped");
        assertThat(backwards.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private static CallRecord call(String id, long card, String end, long seconds, long amount) {
        long endMillis = Instant.parse(end).toEpochMilli();
        long startMillis = endMillis - seconds * 1000 - 2000;
        return new CallRecord(id, card, "442071234567", Currencies.parse("EUR"), startMillis, startMillis + 2000,
            endMillis, seconds, amount, EndReason.values()[0], 200, "OK", 7);
    }
}
