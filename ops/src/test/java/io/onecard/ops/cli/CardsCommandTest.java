package io.onecard.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.OneCardCore;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Credential;
import io.onecard.core.ledger.ResultCode;
import io.onecard.ops.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onecard cards ...} through the real command line, on a real ledger in a temporary directory. */
class CardsCommandTest {
    @TempDir
    Path dir;

    private Path dataDir() {
        return dir.resolve("data");
    }

    private List<String[]> issue(int count, long amount) throws Exception {
        Path csv = dir.resolve("batch-" + System.nanoTime() + ".csv");
        Cli.Run run = Cli.on(dataDir()).run("cards", "issue", "--count", Integer.toString(count), "--amount",
            Long.toString(amount), "--currency", "EUR", "--out", csv.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("card_number,pin,currency,amount_minor");
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",")).toList();
    }

    @Test
    void shouldIssueBatchWithNumbersAndPinsOnlyInAnOwnerOnlyFile() throws Exception {
        Path csv = dir.resolve("batch.csv");

        Cli.Run run = Cli.on(dataDir()).run("cards", "issue", "--count", "3", "--amount", "2500", "--currency",
            "EUR", "--out", csv.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("issued 3 cards of 25.00 EUR");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo("rw-------");
        List<String> rows = Files.readAllLines(csv).subList(1, 4);
        for (String row : rows) {
            String[] fields = row.split(",");
            assertThat(CardNumbers.parse(fields[0])).as(row).isNotEqualTo(CardNumbers.NONE);
            assertThat(fields[1]).matches("[0-9]{6}");
            assertThat(fields[2]).isEqualTo("EUR");
            assertThat(fields[3]).isEqualTo("2500");
            assertThat(run.out() + run.err()).doesNotContain(fields[0]).doesNotContain(fields[1]);
        }
        assertThat(rows.stream().map(row -> row.split(",")[0]).distinct()).hasSize(3);
    }

    @Test
    void shouldIssuePinsThatTheLedgerAccepts() throws Exception {
        String[] card = issue(1, 1000).get(0);
        long number = Long.parseLong(card[0]);

        try (OneCardCore core = OneCardCore.open(Cli.smallConfig(dataDir()).core())) {
            assertThat(verify(core, number, card[1])).isEqualTo(ResultCode.OK);
            String wrong = card[1].equals("000000") ? "111111" : "000000";
            assertThat(verify(core, number, wrong)).isEqualTo(ResultCode.CARD_DECLINED);
        }
    }

    private static ResultCode verify(OneCardCore core, long number, String pin) throws Exception {
        CompletableFuture<ResultCode> done = new CompletableFuture<>();
        assertThat(core.sink().tryPublish(command -> command.type(CommandType.VERIFY_CREDENTIAL)
            .channel(Channel.WEB).cardNumber(number).pin(pin).credential(Credential.PIN),
            command -> done.complete(command.result().code()))).isTrue();
        return done.get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldShowBlockAndUnblockACard() throws Exception {
        String number = issue(1, 4200).get(0)[0];

        Cli.Run shown = Cli.on(dataDir()).run("cards", "show", number);
        Cli.Run blocked = Cli.on(dataDir()).run("cards", "block", number);
        Cli.Run showBlocked = Cli.on(dataDir()).run("cards", "show", number);
        Cli.Run unblocked = Cli.on(dataDir()).run("cards", "unblock", number);

        assertThat(shown.exitCode()).as(shown.toString()).isEqualTo(ExitCodes.OK);
        assertThat(shown.out()).contains("card       " + number).contains("status     active")
            .contains("balance    42.00").contains("available  42.00").contains("currency   EUR");
        assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(ExitCodes.OK);
        assertThat(blocked.out()).contains("status     blocked");
        assertThat(showBlocked.out()).contains("status     blocked");
        assertThat(unblocked.out()).contains("status     active");
    }

    @Test
    void shouldRefuseUnknownCardWithExitCodeOne() throws Exception {
        issue(1, 100);
        String unknown = CardNumbers.format(new CardNumbers("900000", new java.security.SecureRandom()).draw());

        Cli.Run run = Cli.on(dataDir()).run("cards", "block", unknown);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("refused");
    }

    @Test
    void shouldRefuseMalformedArgumentsWithUsageCode() throws Exception {
        Path existing = Files.writeString(dir.resolve("existing.csv"), "keep me\n");

        Cli.Run badNumber = Cli.on(dataDir()).run("cards", "show", "9000001234567890");
        Cli.Run badCount = Cli.on(dataDir()).run("cards", "issue", "--count", "0", "--amount", "1", "--currency",
            "EUR", "--out", dir.resolve("a.csv").toString());
        Cli.Run badCurrency = Cli.on(dataDir()).run("cards", "issue", "--count", "1", "--amount", "1",
            "--currency", "XYZ", "--out", dir.resolve("b.csv").toString());
        Cli.Run overwrite = Cli.on(dataDir()).run("cards", "issue", "--count", "1", "--amount", "1",
            "--currency", "EUR", "--out", existing.toString());

        assertThat(List.of(badNumber, badCount, badCurrency, overwrite)).allSatisfy(run ->
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE));
        assertThat(badNumber.err()).contains("not a card number");
        assertThat(Files.readString(existing)).isEqualTo("keep me\n");
        assertThat(Files.exists(dir.resolve("a.csv"))).isFalse();
    }

    @Test
    void shouldRefuseToGoAroundARunningServer() throws Exception {
        String number = issue(1, 100).get(0)[0];
        Path csv = dir.resolve("while-running.csv");

        try (OneCardCore server = OneCardCore.open(Cli.smallConfig(dataDir()).core())) {
            Cli.Run block = Cli.on(dataDir()).run("cards", "block", number);
            Cli.Run batch = Cli.on(dataDir()).run("cards", "issue", "--count", "1", "--amount", "1", "--currency",
                "EUR", "--out", csv.toString());

            assertThat(block.exitCode()).as(block.toString()).isEqualTo(ExitCodes.SERVER_RUNNING);
            assertThat(block.err()).contains("OneCard server holds").contains("no HTTP endpoint");
            assertThat(batch.exitCode()).isEqualTo(ExitCodes.SERVER_RUNNING);
            assertThat(Files.exists(csv)).isFalse();
        }
        assertThat(Cli.on(dataDir()).run("cards", "show", number).out()).contains("status     active");
    }

    @Test
    void shouldKeepCardsAcrossSeparateCommands() throws Exception {
        List<String[]> first = issue(2, 100);
        List<String[]> second = issue(2, 200);

        for (String[] card : List.of(first.get(0), first.get(1), second.get(0), second.get(1))) {
            Cli.Run run = Cli.on(dataDir()).run("cards", "show", card[0]);
            String balance = card[3].equals("100") ? "1.00" : "2.00";
            assertThat(run.out()).as(run.toString()).contains("balance    " + balance);
        }
    }
}
