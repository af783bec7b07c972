package io.onecard.core.journal;

import io.onecard.core.OneCardCore;
import io.onecard.core.testing.LedgerClient;
import io.onecard.core.testing.LedgerClient.Outcome;
import io.onecard.core.testing.TestConfigs;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The child JVM of {@link CrashRecoveryTest}: settles commands from several threads until it is killed,
 * printing one line per acknowledged result: {@code ACK kind key card amount hold code transaction}.
 */
public final class CrashLoad {
    private static final int THREADS = 4;

    private CrashLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String run = args[1];
        long[] cards = Files.readAllLines(dataDir.resolveSibling("cards.txt")).stream()
            .mapToLong(Long::parseLong).toArray();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        OneCardCore core = OneCardCore.open(TestConfigs.small(dataDir));
        LedgerClient client = new LedgerClient(core.sink());
        out.println("READY");
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread worker = new Thread(() -> load(client, cards, run + "-" + thread, out));
            worker.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void load(LedgerClient client, long[] cards, String prefix, PrintStream out) {
        Random random = new Random(prefix.hashCode());
        for (long n = 0; ; n++) {
            long card = cards[random.nextInt(cards.length)];
            long amount = 1 + random.nextInt(40);
            String key = prefix + "-" + n;
            if (random.nextBoolean()) {
                Outcome debit = client.debit(card, amount, key);
                print(out, "debit", key, card, amount, 0, debit);
            } else {
                Outcome hold = client.authorize(card, amount * 2, 60, key + "h");
                print(out, "hold", key + "h", card, amount * 2, 0, hold);
                if (hold.code().equals("OK")) {
                    Outcome capture = client.capture(hold.holdId(), amount, key + "c");
                    print(out, "capture", key + "c", card, amount, hold.holdId(), capture);
                }
            }
        }
    }

    private static void print(PrintStream out, String kind, String key, long card, long amount, long hold,
                              Outcome outcome) {
        long id = outcome.holdId() != 0 && kind.equals("hold") ? outcome.holdId() : outcome.transactionId();
        out.println(String.join(" ", List.of("ACK", kind, key, Long.toString(card), Long.toString(amount),
            Long.toString(hold), outcome.code(), Long.toString(id))));
    }
}
