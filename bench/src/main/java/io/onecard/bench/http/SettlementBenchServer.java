package io.onecard.bench.http;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onecard.bench.BenchCards;
import io.onecard.core.CoreConfig;
import io.onecard.core.OneCardCore;
import io.onecard.core.ring.Durability;
import io.onecard.http.HttpEdgeConfig;
import io.onecard.http.api.SettlementServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The settlement side of the HTTP benchmark: a real {@link OneCardCore} in a temporary data directory and the
 * real {@link SettlementServer} on a free loopback port, with fixed keys and cards funded far beyond any run,
 * so that every well-formed debit must succeed.
 *
 * <p>Usage: {@code SettlementBenchServer [sync|async] [ring wait strategy] [cards]} ({@code sync}, the core's
 * default wait strategy, {@code blocking}, and one card unless given). Prints one line,
 * {@code port=<n> card=<first number> cards=<all numbers> pin=<pin> gateway_key=<key> balance=<minor units>},
 * then serves until its standard input ends. It then prints {@code balance=<b> debits_201=<n> debits_other=<m>}:
 * the cards' final balance and the debits the server itself answered 201 and otherwise. Balances are the sum
 * over the cards. A run is sound when the balance fell by exactly the 201 count (every debit is 1 minor unit).
 */
public final class SettlementBenchServer {
    /** The gateway key the load scripts send; fixed so that a run can be repeated by hand. */
    public static final String GATEWAY_KEY = "bench-gateway-key-0123456789";
    /** The admin key; fixed like the gateway key. */
    public static final String ADMIN_KEY = "bench-admin-key-0123456789";
    private static final String DEBITS_ROUTE = "/v1/debits";

    private SettlementBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Durability durability = Durability.parse(args.length > 0 ? args[0] : "sync");
        Path dataDir = BenchCards.newDataDir();
        long[] cards = BenchCards.issue(dataDir, args.length > 2 ? Integer.parseInt(args[2]) : 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CoreConfig coreConfig = BenchCards.config(dataDir, durability);
        if (args.length > 1) {
            coreConfig = coreConfig.withWaitStrategy(args[1]);
        }
        try (OneCardCore core = OneCardCore.open(coreConfig)) {
            HttpEdgeConfig config = HttpEdgeConfig.defaults(ADMIN_KEY, GATEWAY_KEY).withBind("127.0.0.1", 0);
            long startBalance = balance(core, cards);
            try (SettlementServer server = new SettlementServer(config, core, registry)) {
                int port = server.start();
                System.out.printf(Locale.ROOT, "port=%d card=%d cards=%s pin=%s gateway_key=%s balance=%d%n", port,
                    cards[0], Arrays.stream(cards).mapToObj(Long::toString).collect(Collectors.joining(",")),
                    BenchCards.PIN, GATEWAY_KEY, startBalance);
                System.out.flush();
                HelloWorldServer.awaitEndOfInput(System.in);
            }
            System.out.printf(Locale.ROOT, "balance=%d debits_201=%d debits_other=%d%n", balance(core, cards),
                debits(registry, DEBITS_ROUTE, true), debits(registry, DEBITS_ROUTE, false));
        } finally {
            BenchCards.delete(dataDir);
        }
    }

    private static long balance(OneCardCore core, long[] cards) {
        long sum = 0;
        for (long card : cards) {
            sum += BenchCards.balance(core, card);
        }
        return sum;
    }

    /** The requests on {@code route} the server answered 201 ({@code created}) or otherwise, by its own timers. */
    public static long debits(SimpleMeterRegistry registry, String route, boolean created) {
        long count = 0;
        for (Timer timer : registry.find("onecard.http.requests").tag("route", route).timers()) {
            boolean is201 = "201".equals(timer.getId().getTag("status"));
            if (is201 == created) {
                count += timer.count();
            }
        }
        return count;
    }
}
