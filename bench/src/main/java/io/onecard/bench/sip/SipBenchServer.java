package io.onecard.bench.sip;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onecard.bench.BenchCards;
import io.onecard.bench.http.HelloWorldServer;
import io.onecard.core.OneCardCore;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.ring.Durability;
import io.onecard.sip.SipEdgeConfig;
import io.onecard.sip.call.CallingCardServer;
import io.onecard.sip.rating.RateTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OneCard side of the SIP benchmark: a real core in a temporary data directory and the real
 * calling-card edge on a loopback port, bridging to a sipp gateway, with one card funded far beyond any run.
 *
 * <p>Usage: {@code SipBenchServer <sip port> <gateway port> [max calls]}. Prints {@code card=<number>
 * pin=<pin>}, serves until its standard input ends, then prints {@code peak_active_calls=<n>} (sampled every
 * 100 ms) and {@code balance_drop=<d> cdr_amount=<a> cdr_calls=<n> consistent=<true|false>}: the card lost
 * exactly what the call records say was charged, or the run is unsound.
 */
public final class SipBenchServer {
    private static final Pattern AMOUNT = Pattern.compile("\"amount\":(\\d+)");

    private SipBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int sipPort = Integer.parseInt(args[0]);
        int gatewayPort = Integer.parseInt(args[1]);
        int maxCalls = args.length > 2 ? Integer.parseInt(args[2]) : SipEdgeConfig.defaults(Path.of(".")).maxCalls();
        Path dataDir = BenchCards.newDataDir();
        long card = BenchCards.issue(dataDir, 1)[0];
        try (OneCardCore core = OneCardCore.open(BenchCards.config(dataDir, Durability.SYNC))) {
            SipEdgeConfig config = SipEdgeConfig.defaults(dataDir).withBind("127.0.0.1", sipPort)
                .withGateway("sip:127.0.0.1:" + gatewayPort).withRates(RateTable.demo()).withMaxCalls(maxCalls);
            long before = BenchCards.balance(core, card);
            try (CallingCardServer server = new CallingCardServer(config, core, new SimpleMeterRegistry())) {
                server.start();
                System.out.printf(Locale.ROOT, "card=%d pin=%s%n", card, BenchCards.PIN);
                System.out.flush();
                AtomicInteger peak = new AtomicInteger();
                ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
                sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(server.activeCalls(), Math::max), 100, 100,
                    TimeUnit.MILLISECONDS);
                HelloWorldServer.awaitEndOfInput(System.in);
                sampler.shutdownNow();
                System.out.printf(Locale.ROOT, "peak_active_calls=%d%n", peak.get());
            }
            long drop = before - BenchCards.balance(core, card);
            long[] charged = chargedByCallRecords(dataDir.resolve("cdr"), card);
            System.out.printf(Locale.ROOT, "balance_drop=%d cdr_amount=%d cdr_calls=%d consistent=%b%n", drop,
                charged[0], charged[1], drop == charged[0]);
        } finally {
            BenchCards.delete(dataDir);
        }
        // the SIP stack leaves threads behind that would keep the JVM up after the report
        System.exit(0);
    }

    /**
     * What the call records in {@code cdrDir} charged to {@code card} (matched by its masked number, the only
     * form a record holds): the sum of their amounts and how many records there are.
     */
    public static long[] chargedByCallRecords(Path cdrDir, long card) throws IOException {
        String cardField = "\"card\":\"" + CardNumbers.mask(card) + "\"";
        long[] charged = new long[2];
        if (!Files.isDirectory(cdrDir)) {
            return charged;
        }
        try (Stream<Path> files = Files.list(cdrDir)) {
            for (Path file : files.toList()) {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines) {
                    Matcher amount = AMOUNT.matcher(line);
                    if (line.contains(cardField) && amount.find()) {
                        charged[0] += Long.parseLong(amount.group(1));
                        charged[1]++;
                    }
                }
            }
        }
        return charged;
    }
}
