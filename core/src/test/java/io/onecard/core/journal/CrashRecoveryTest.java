package io.onecard.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.OneCardCore;
import io.onecard.core.testing.ChildJvm;
import io.onecard.core.testing.LedgerClient;
import io.onecard.core.testing.LedgerClient.Outcome;
import io.onecard.core.testing.TestConfigs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a loaded child JVM with SIGKILL at random moments, twenty times. After each restart every
 * acknowledged command is there with its first result (a retry under its key is a replay), nothing was
 * applied twice (the stores equal a clean replay of the whole journal), and money is conserved.
 */
class CrashRecoveryTest {
    private static final int KILLS = 20;
    private static final int CARDS = 6;

    @TempDir
    Path root;

    @Test
    void shouldLoseNothingAcknowledgedAndApplyNothingTwiceAcrossKills() throws Exception {
        Path dataDir = root.resolve("data");
        issueCards(dataDir);
        Random random = new Random(42);
        long acknowledged = 0;
        for (int run = 0; run < KILLS; run++) {
            List<String> acks = runAndKill(dataDir, "r" + run, 150 + random.nextInt(1_200));
            acknowledged += acks.size();
            verify(dataDir, acks);
        }
        assertThat(acknowledged).isGreaterThan(KILLS * 10L);
    }

    private static void issueCards(Path dataDir) throws Exception {
        List<String> cards = new ArrayList<>();
        try (OneCardCore core = OneCardCore.open(TestConfigs.small(dataDir))) {
            LedgerClient client = new LedgerClient(core.sink());
            for (int i = 0; i < CARDS; i++) {
                cards.add(Long.toString(client.issue(50_000).cardNumber()));
            }
        }
        Files.write(dataDir.resolveSibling("cards.txt"), cards);
    }

    private static List<String> runAndKill(Path dataDir, String run, long loadMillis) throws Exception {
        Process child = ChildJvm.start(CrashLoad.class, List.of(), dataDir.toString(), run);
        try {
            List<String> acks = Collections.synchronizedList(new ArrayList<>());
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
            CountDownLatch ready = new CountDownLatch(1);
            Thread reader = new Thread(() -> readLines(lines, acks, ready));
            reader.start();
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child ready").isTrue();
            Thread.sleep(loadMillis);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            return new ArrayList<>(acks);
        } finally {
            child.destroyForcibly();
        }
    }

    private static void readLines(BufferedReader lines, List<String> acks, CountDownLatch ready) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("READY")) {
                    ready.countDown();
                } else if (line.startsWith("ACK ")) {
                    acks.add(line);
                }
            }
        } catch (IOException closed) {
            ready.countDown();
        }
    }

    private static void verify(Path dataDir, List<String> acks) throws Exception {
        try (OneCardCore core = OneCardCore.open(TestConfigs.small(dataDir))) {
            LedgerClient client = new LedgerClient(core.sink());
            for (String line : acks) {
                String[] field = line.split(" ");
                if (field.length != 8 || !field[0].equals("ACK")) {
                    continue;
                }
                Outcome again = resend(client, field);
                assertThat(again.replayed()).as(line).isTrue();
                assertThat(again.code()).as(line).isEqualTo(field[6]);
                long id = field[1].equals("hold") ? again.holdId() : again.transactionId();
                assertThat(id).as(line).isEqualTo(Long.parseLong(field[7]));
            }
            AuditReport audit = core.audit(dataDir.resolveSibling("audit"), 120_000);
            assertThat(audit.problems()).isEmpty();
        }
    }

    private static Outcome resend(LedgerClient client, String[] field) {
        long card = Long.parseLong(field[3]);
        long amount = Long.parseLong(field[4]);
        return switch (field[1]) {
            case "debit" -> client.debit(card, amount, field[2]);
            case "hold" -> client.authorize(card, amount, 60, field[2]);
            default -> client.capture(Long.parseLong(field[5]), amount, field[2]);
        };
    }
}
