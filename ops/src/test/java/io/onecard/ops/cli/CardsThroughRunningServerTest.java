package io.onecard.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.card.CardNumbers;
import io.onecard.ops.serve.OneCardServer;
import io.onecard.ops.serve.ServerEndpoint;
import io.onecard.ops.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a server holds the data directory, card commands go through its admin API (with the saved admin
 * key) and land in the same journal; when it stops, the endpoint is withdrawn.
 */
class CardsThroughRunningServerTest {
    @TempDir
    Path dir;

    private Cli cli() {
        return Cli.on(dir.resolve("data"));
    }

    @Test
    void shouldIssueShowBlockAndUnblockThroughTheRunningServer() throws Exception {
        Path csv = dir.resolve("batch.csv");
        String number;
        try (OneCardServer server = OneCardServer.start(Cli.smallConfig(dir.resolve("data")))) {
            assertThat(ServerEndpoint.read(dir.resolve("data"))).isPresent();

            Cli.Run issued = cli().run("cards", "issue", "--count", "2", "--amount", "1500", "--currency", "EUR",
                "--out", csv.toString());
            assertThat(issued.exitCode()).as(issued.toString()).isEqualTo(ExitCodes.OK);
            List<String> rows = Files.readAllLines(csv);
            assertThat(rows).hasSize(3);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo("rw-------");
            number = rows.get(1).split(",")[0];
            assertThat(rows.get(1).split(",")[1]).matches("[0-9]{6}");

            Cli.Run blocked = cli().run("cards", "block", number);
            Cli.Run shown = cli().run("cards", "show", number);
            Cli.Run unblocked = cli().run("cards", "unblock", number);
            String unknown = CardNumbers.format(new CardNumbers("900000", new java.security.SecureRandom()).draw());
            Cli.Run missing = cli().run("cards", "show", unknown);

            assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(ExitCodes.OK);
            assertThat(blocked.out()).contains("status     blocked");
            assertThat(shown.out()).contains("status     blocked").contains("balance    15.00");
            assertThat(unblocked.out()).contains("status     active");
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(missing.err()).contains("refused").contains("the server answered");
            Cli.Run liveDump = cli().run("journal", "dump", "--card", number);
            assertThat(liveDump.exitCode()).as(liveDump.toString()).isEqualTo(ExitCodes.OK);
            assertThat(liveDump.out()).contains("BLOCK_CARD").doesNotContain(number);
        }

        assertThat(ServerEndpoint.read(dir.resolve("data"))).isEmpty();
        Cli.Run dump = cli().run("journal", "dump", "--card", number);
        assertThat(dump.out()).contains("ISSUE_CARD").contains("BLOCK_CARD").contains("UNBLOCK_CARD");
        assertThat(cli().run("audit").exitCode()).isEqualTo(ExitCodes.OK);
    }
}
