package io.onecard.ops.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onecard.core.DataDirLock;
import io.onecard.core.card.Currencies;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Credential;
import io.onecard.core.ledger.ResultCode;
import io.onecard.ops.config.ConfigLoader;
import io.onecard.ops.ledger.IssuedCard;
import io.onecard.ops.testing.Cli;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server in this JVM: first-start demo cards and keys, gauges on the Prometheus registry, clean restart. */
class OneCardServerTest {
    @TempDir
    Path dir;

    @Test
    void shouldIssueDemoCardsAndKeysOnlyOnTheFirstStart() {
        List<IssuedCard> demo;
        String adminKey;
        try (OneCardServer first = OneCardServer.start(Cli.smallConfig(dir))) {
            demo = first.demoCards();
            adminKey = first.keys().adminKey();
            assertThat(first.keys().generated()).isTrue();
        }
        try (OneCardServer second = OneCardServer.start(Cli.smallConfig(dir))) {
            assertThat(second.demoCards()).isEmpty();
            assertThat(second.keys().generated()).isFalse();
            assertThat(second.keys().adminKey()).isEqualTo(adminKey);
        }

        assertThat(demo).hasSize(3).allSatisfy(card -> {
            assertThat(card.pin()).matches("[0-9]{6}");
            assertThat(card.balanceMinor()).isEqualTo(DemoCards.AMOUNT_MINOR);
        });
        assertThat(Files.exists(dir.resolve(DemoCards.MARKER))).isTrue();
    }

    @Test
    void shouldReleaseTheDataDirectoryWhenAnEdgeCannotStart() throws Exception {
        Map<String, String> environment = new HashMap<>(Cli.smallLedger(dir));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            environment.put("ONECARD_HTTP_PORT", Integer.toString(taken.getLocalPort()));

            assertThatThrownBy(() -> OneCardServer.start(ConfigLoader.load(null, environment)))
                .hasMessageContaining("HTTP API could not start").hasMessageContaining("in use");
            assertThat(DataDirLock.isHeld(dir)).isFalse();
        }
        try (OneCardServer server = OneCardServer.start(Cli.smallConfig(dir))) {
            assertThat(server.listening()).containsKeys("HTTP API", "SIP edge", "metrics");
        }
    }

    @Test
    void shouldExposeLedgerGaugesOnThePrometheusRegistry() throws Exception {
        try (OneCardServer server = OneCardServer.start(Cli.smallConfig(dir))) {
            IssuedCard card = server.demoCards().get(0);
            CompletableFuture<ResultCode> held = new CompletableFuture<>();
            assertThat(server.core().sink().tryPublish(command -> command.type(CommandType.AUTHORIZE)
                .channel(Channel.WEB).cardNumber(card.cardNumber()).pin(card.pin()).credential(Credential.PIN)
                .amountMinor(300).currency(Currencies.parse("EUR")).holdSeconds(600).idempotencyKey("gauge-hold"),
                command -> held.complete(command.result().code()))).isTrue();
            assertThat(held.get(30, TimeUnit.SECONDS)).isEqualTo(ResultCode.OK);

            server.gauges().sample();
            String scrape = server.registry().scrape();

            assertThat(scrape).contains("onecard_ledger_cards 3.0")
                .contains("onecard_ledger_holds_open 1.0")
                .contains("onecard_ring_capacity 1024.0")
                .containsPattern("onecard_ledger_recovery_seconds [0-9.E-]+")
                .containsPattern("onecard_journal_size_bytes [1-9][0-9.E]*");
        }
    }
}
