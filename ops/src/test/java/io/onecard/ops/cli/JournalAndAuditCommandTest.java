package io.onecard.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.ledger.LedgerState;
import io.onecard.ops.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal dump} shows every command masked; {@code audit} exits 0 only on an intact data directory. */
class JournalAndAuditCommandTest {
    @TempDir
    Path dir;

    private Path dataDir() {
        return dir.resolve("data");
    }

    private List<String[]> issueTwoCards() throws Exception {
        Path csv = dir.resolve("cards.csv");
        Cli.Run run = Cli.on(dataDir()).run("cards", "issue", "--count", "2", "--amount", "700", "--currency",
            "EUR", "--out", csv.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        return Files.readAllLines(csv).stream().skip(1).map(line -> line.split(",")).toList();
    }

    @Test
    void shouldDumpEveryCommandWithCardNumbersMaskedAndNoPins() throws Exception {
        List<String[]> cards = issueTwoCards();
        String first = cards.get(0)[0];
        assertThat(Cli.on(dataDir()).run("cards", "block", first).exitCode()).isEqualTo(ExitCodes.OK);

        Cli.Run dump = Cli.on(dataDir()).run("journal", "dump");

        assertThat(dump.exitCode()).as(dump.toString()).isEqualTo(ExitCodes.OK);
        String masked = CardNumbers.mask(Long.parseLong(first));
        assertThat(dump.out()).contains("ISSUE_CARD  admin  card=" + masked + "  amount=700 EUR")
            .contains("BLOCK_CARD  admin  card=" + masked)
            .contains("pin=generated")
            .containsPattern("-- ([0-9]+) of \\1 journaled commands shown");
        assertThat(dump.out().lines().filter(line -> line.contains("  ISSUE_CARD  "))).hasSize(2);
        for (String[] card : cards) {
            assertThat(dump.out()).doesNotContain(card[0]).doesNotContain("," + card[1]).doesNotContain(" " + card[1]);
        }
    }

    @Test
    void shouldFilterDumpByCard() throws Exception {
        List<String[]> cards = issueTwoCards();

        Cli.Run dump = Cli.on(dataDir()).run("journal", "dump", "--card", cards.get(1)[0]);

        assertThat(dump.out()).contains(CardNumbers.mask(Long.parseLong(cards.get(1)[0])))
            .doesNotContain(CardNumbers.mask(Long.parseLong(cards.get(0)[0])))
            .containsPattern("-- 1 of [0-9]+ journaled commands shown");
    }

    @Test
    void shouldMaskCardNumbersInsideFreeText() {
        long number = new CardNumbers("900000", new java.security.SecureRandom()).draw();

        String masked = JournalCommand.maskCardNumbers("order for " + number + " ref 1234567890123456");

        assertThat(masked).contains(CardNumbers.mask(number)).doesNotContain(Long.toString(number));
    }

    @Test
    void shouldPassAuditOnAnIntactDataDirectory() throws Exception {
        issueTwoCards();

        Cli.Run audit = Cli.on(dataDir()).run("audit");

        assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(ExitCodes.OK);
        assertThat(audit.out()).contains("cards                      2").contains("audit passed");
        try (Stream<Path> left = Files.list(dataDir())) {
            assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("audit"));
        }
    }

    @Test
    void shouldFailAuditWhenTheCardStoreWasChangedBehindTheLedger() throws Exception {
        List<String[]> cards = issueTwoCards();
        long removed = Long.parseLong(cards.get(0)[0]);
        try (LedgerState state = LedgerState.open(dataDir(), Cli.smallConfig(dataDir()).core())) {
            state.stores().state().beginUndo(state.lastAppliedIndex());
            state.cards().delete(removed);
        }

        Cli.Run audit = Cli.on(dataDir()).run("audit");

        assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(audit.out()).as(audit.toString()).contains("PROBLEM").contains("audit FAILED")
            .doesNotContain(Long.toString(removed));
    }

    @Test
    void shouldRefuseAuditWithoutJournal() {
        Cli.Run audit = Cli.on(dataDir()).run("audit");

        assertThat(audit.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(audit.err()).contains("no journal");
    }
}
