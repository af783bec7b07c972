package io.onecard.sip.call;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onecard.core.CoreConfig;
import io.onecard.core.OneCardCore;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ring.CommandSink;
import io.onecard.core.testing.LedgerClient;
import io.onecard.sip.SipEdgeConfig;
import io.onecard.sip.rating.RateTable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A real core in a temporary directory and a real calling-card edge on a free loopback port. */
final class EdgeFixture implements AutoCloseable {
    static final String TEST_RATES = """
        prefix,currency,price_per_minute,first_increment_seconds,increment_seconds,connect_fee
        # whole minutes
        44,EUR,12,60,60,0
        # 30 s first, then 6 s steps
        1,EUR,6,30,6,0
        # one cent a second after a 2 s first increment, plus a connect fee
        2,EUR,60,2,1,10
        # one cent a second, no fee
        3,EUR,60,2,1,0
        """;

    final Path dir;
    final OneCardCore core;
    final LedgerClient ledger;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final CallingCardServer server;
    final int port;
    final int gatewayPort;

    EdgeFixture(Path dir, boolean withGateway) {
        this(dir, withGateway, null, config -> config);
    }

    EdgeFixture(Path dir, boolean withGateway, CommandSink sinkOverride,
        java.util.function.UnaryOperator<SipEdgeConfig> tweak) {
        this.dir = dir;
        this.core = OneCardCore.open(CoreConfig.defaults(dir.resolve("core")).withRingSize(1_024).withExpiryInterval(
            java.time.Duration.ofMillis(200)));
        this.ledger = new LedgerClient(core.sink());
        this.port = Sipp.freePort();
        this.gatewayPort = Sipp.freePort();
        SipEdgeConfig config = SipEdgeConfig.defaults(dir.resolve("edge")).withBind("127.0.0.1", port)
            .withRates(rates()).withGateway(withGateway ? "sip:127.0.0.1:" + gatewayPort : null);
        this.server = new CallingCardServer(tweak.apply(config), sinkOverride == null ? core.sink() : sinkOverride,
            core::isRecovered, registry);
        server.start();
    }

    static RateTable rates() {
        try {
            return RateTable.parse(new StringReader(TEST_RATES), "test rates");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long issue(long amount) {
        LedgerClient.Outcome outcome = ledger.issue(amount);
        if (!"OK".equals(outcome.code())) {
            throw new IllegalStateException("cannot issue a card: " + outcome.code());
        }
        return outcome.cardNumber();
    }

    LedgerClient.Outcome card(long card) {
        return ledger.query(card);
    }

    /** The card's history: one "type amount billed_seconds call_id" line per item, newest first. */
    List<String> history(long card) {
        List<String> lines = new ArrayList<>();
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        boolean published = core.sink().tryPublish(c -> c.type(CommandType.QUERY_HISTORY).channel(Channel.ADMIN)
            .cardNumber(card).limit(100), command -> {
                var result = command.result();
                for (int i = 0; i < result.itemCount(); i++) {
                    var item = result.item(i);
                    lines.add(item.type().apiName() + " " + item.amountMinor() + " " + item.billedSeconds() + " "
                        + item.callId() + " " + item.dialled() + " " + item.channel().apiName());
                }
                done.complete(null);
            });
        if (!published) {
            throw new IllegalStateException("ring full");
        }
        done.join();
        return lines;
    }

    /** The call records written today (UTC). */
    List<String> callRecords() {
        Path file = dir.resolve("edge").resolve("cdr").resolve("calls-" + LocalDate.now(ZoneOffset.UTC) + ".jsonl");
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Arguments of a sipp caller that authenticates with the card and PIN. */
    List<String> caller(int callerPort, String dialled, long card, String pin) {
        return new ArrayList<>(List.of("-s", dialled, "127.0.0.1:" + port, "-p", Integer.toString(callerPort),
            "-i", "127.0.0.1", "-m", "1", "-au", Long.toString(card), "-ap", pin, "-timeout", "60s",
            "-timeout_error"));
    }

    /** Arguments of a sipp gateway on {@link #gatewayPort}. */
    List<String> gateway(int calls) {
        return new ArrayList<>(List.of("-p", Integer.toString(gatewayPort), "-i", "127.0.0.1", "-m",
            Integer.toString(calls), "-timeout", "60s", "-timeout_error"));
    }

    /** Waits until no call is in progress (settlement done), at most ten seconds. */
    void awaitIdle() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (server.activeCalls() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.close();
        core.close();
    }
}
