package io.onecard.bench.mixed;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onecard.bench.BenchCards;
import io.onecard.bench.http.SettlementBenchServer;
import io.onecard.bench.sip.SipBenchServer;
import io.onecard.core.OneCardCore;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.ring.Durability;
import io.onecard.http.HttpEdgeConfig;
import io.onecard.http.api.SettlementServer;
import io.onecard.sip.SipEdgeConfig;
import io.onecard.sip.call.CallingCardServer;
import io.onecard.sip.rating.RateTable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Both channels on the same cards at the same moment, in one process wired as the OneCard server wires it:
 * one real core ({@code sync}), the real settlement server and the real calling-card edge on top of it. Phone
 * calls (sipp through the B2BUA) and web settlements (the load driver's debits and authorizations with their
 * captures) spend the same few cards, funded so that they run dry during the run: the point is that no card
 * is overspent however the two channels interleave.
 *
 * <p>Usage: {@code MixedBenchServer <sip port> <gateway port> <cards> <balance per card>}. Prints {@code
 * http_port=<n> sip_port=<n> cards=<n1,n2..> pin=<pin> gateway_key=<key> balance=<per card>}, then serves until
 * its standard input ends. Lines {@code card=<n> ok=<k> amount=<a>} read from its input are what the web
 * driver settled on each card (debits answered 201, captures answered 200). At the end it prints one line per
 * card, {@code card=<n> balance=<b> drop=<d> web_amount=<w> cdr_amount=<c> cdr_calls=<k>}, and {@code
 * consistent=<true|false>}: every balance at least zero and every card's drop equal to its web settlements
 * plus what its call records charged.
 */
public final class MixedBenchServer {
    private static final Pattern WEB_LINE = Pattern.compile("^card=(\\d+) ok=(\\d+) amount=(\\d+)");
    private static final int MAX_INPUT_LINES = 10_000;

    private MixedBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int sipPort = Integer.parseInt(args[0]);
        int gatewayPort = Integer.parseInt(args[1]);
        long balance = Long.parseLong(args[3]);
        Path dataDir = BenchCards.newDataDir();
        long[] cards = BenchCards.issue(dataDir, Integer.parseInt(args[2]), balance);
        requireDistinctMasks(cards);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (OneCardCore core = OneCardCore.open(BenchCards.config(dataDir, Durability.SYNC))) {
            SipEdgeConfig sip = SipEdgeConfig.defaults(dataDir).withBind("127.0.0.1", sipPort)
                .withGateway("sip:127.0.0.1:" + gatewayPort).withRates(RateTable.demo());
            HttpEdgeConfig http = HttpEdgeConfig.defaults(SettlementBenchServer.ADMIN_KEY,
                SettlementBenchServer.GATEWAY_KEY).withBind("127.0.0.1", 0);
            Map<Long, Long> webAmounts;
            try (CallingCardServer calls = new CallingCardServer(sip, core, registry);
                 SettlementServer settlements = new SettlementServer(http, core, registry)) {
                calls.start();
                int httpPort = settlements.start();
                System.out.printf(Locale.ROOT, "http_port=%d sip_port=%d cards=%s pin=%s gateway_key=%s balance=%d%n",
                    httpPort, sipPort, Arrays.stream(cards).mapToObj(Long::toString).collect(Collectors.joining(",")),
                    BenchCards.PIN, SettlementBenchServer.GATEWAY_KEY, balance);
                System.out.flush();
                webAmounts = readWebAmounts();
            }
            boolean consistent = check(core, dataDir, cards, balance, webAmounts);
            System.out.printf(Locale.ROOT, "debits_201=%d consistent=%b%n",
                SettlementBenchServer.debits(registry, "/v1/debits", true), consistent);
        } finally {
            BenchCards.delete(dataDir);
        }
        // the SIP stack leaves threads behind that would keep the JVM up after the report
        System.exit(0);
    }

    private static void requireDistinctMasks(long[] cards) {
        Set<String> masks = new HashSet<>();
        for (long card : cards) {
            if (!masks.add(CardNumbers.mask(card))) {
                throw new IllegalStateException("two cards share a masked number; call records cannot tell them apart");
            }
        }
    }

    /** Reads the web driver's per-card lines until the input ends (at most {@value #MAX_INPUT_LINES} lines). */
    private static Map<Long, Long> readWebAmounts() throws Exception {
        Map<Long, Long> amounts = new HashMap<>();
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        int lines = 0;
        for (String line = input.readLine(); line != null; line = input.readLine()) {
            if (++lines > MAX_INPUT_LINES) {
                throw new IllegalStateException("more than " + MAX_INPUT_LINES + " lines of input");
            }
            Matcher matcher = WEB_LINE.matcher(line);
            if (matcher.find()) {
                amounts.merge(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(3)), Long::sum);
            }
        }
        return amounts;
    }

    private static boolean check(OneCardCore core, Path dataDir, long[] cards, long initialBalance,
                                 Map<Long, Long> webAmounts) throws Exception {
        boolean consistent = webAmounts.keySet().stream().allMatch(card -> Arrays.stream(cards).anyMatch(
            issued -> issued == card));
        for (long card : cards) {
            long balance = BenchCards.balance(core, card);
            long drop = initialBalance - balance;
            long web = webAmounts.getOrDefault(card, 0L);
            long[] charged = SipBenchServer.chargedByCallRecords(dataDir.resolve("cdr"), card);
            System.out.printf(Locale.ROOT, "card=%d balance=%d drop=%d web_amount=%d cdr_amount=%d cdr_calls=%d%n",
                card, balance, drop, web, charged[0], charged[1]);
            consistent &= balance >= 0 && drop == web + charged[0];
        }
        return consistent;
    }
}
