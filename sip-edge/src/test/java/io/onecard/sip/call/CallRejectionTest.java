package io.onecard.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.card.Currencies;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.testing.LedgerClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls the edge refuses, or that fail before the answer: each answered as API.md says, none charged. */
class CallRejectionTest {
    private static final String ANY = "SIP/2.0";

    @TempDir
    Path dir;

    private EdgeFixture edge;

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void shouldAnswer403ForAWrongPinAndCountItTowardsThePinLock() throws Exception {
        edge = new EdgeFixture(dir, true);
        long card = edge.issue(1_000);

        int exit = reject(card, "9999", "442071234567", 403, ANY);

        assertThat(exit).isZero();
        assertUntouched(card, 1_000);
        for (int i = 0; i < 4; i++) {
            assertThat(reject(card, "9999", "442071234567", 403, ANY)).isZero();
        }
        assertThat(edge.ledger.debit(card, 1, "web-after-lock").code()).isEqualTo("CARD_DECLINED");
    }

    @Test
    void shouldAnswer403ForAnUnknownCardLikeForAWrongPin() throws Exception {
        edge = new EdgeFixture(dir, true);

        assertThat(reject(4_111_111_111_111_111L, "1234", "442071234567", 403, ANY)).isZero();
        assertThat(reject(1_234L, "1234", "442071234567", 403, ANY)).isZero();
    }

    @Test
    void shouldAnswer402WhenTheFirstIncrementIsNotCovered() throws Exception {
        edge = new EdgeFixture(dir, true);
        long card = edge.issue(11);

        assertThat(reject(card, LedgerClient.PIN, "442071234567", 402, ANY)).isZero();
        assertUntouched(card, 11);
    }

    @Test
    void shouldAnswer404ForADestinationWithoutARateOrACurrencyWithoutOne() throws Exception {
        edge = new EdgeFixture(dir, true);
        long card = edge.issue(1_000);
        long dollarCard = edge.ledger.call(c -> c.type(CommandType.ISSUE_CARD).channel(Channel.ADMIN)
            .amountMinor(1_000).currency(Currencies.parse("USD")).pin(LedgerClient.PIN)).cardNumber();

        assertThat(reject(card, LedgerClient.PIN, "999123", 404, ANY)).isZero();
        assertThat(reject(dollarCard, LedgerClient.PIN, "442071234567", 404, ANY)).isZero();
        assertUntouched(card, 1_000);
        assertUntouched(dollarCard, 1_000);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenNoGatewayIsConfigured() throws Exception {
        edge = new EdgeFixture(dir, false);
        long card = edge.issue(1_000);

        Sipp caller = Sipp.start(dir, "caller", Sipp.scenario("uac_unchallenged.xml", "EXPECTED_STATUS", "503",
            "EXPECTED_HEADER", "Retry-After: [0-9]+"), edge.caller(Sipp.freePort(), "44207", card, LedgerClient.PIN));

        assertThat(caller.await(Duration.ofSeconds(30))).as(caller.output()).isZero();
        assertUntouched(card, 1_000);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheRingIsFull() throws Exception {
        edge = new EdgeFixture(dir, true, (writer, listener) -> false, config -> config);
        long card = edge.issue(1_000);

        assertThat(reject(card, LedgerClient.PIN, "442071234567", 503, "Retry-After: [0-9]+")).isZero();
        assertUntouched(card, 1_000);
        assertThat(edge.registry.get("onecard.sip.calls.rejected").tag("reason", "overloaded").counter().count())
            .isEqualTo(1);
    }

    @Test
    void shouldAnswer503WithRetryAfterPastTheMostCallsAtOnce() throws Exception {
        edge = new EdgeFixture(dir, true, null, config -> config.withMaxCalls(1));
        long card = edge.issue(1_000);
        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_answer.xml"), edge.gateway(1));
        Sipp first = Sipp.start(dir, "first", Sipp.scenario("uac_wait_bye.xml"),
            edge.caller(Sipp.freePort(), "3123", card, LedgerClient.PIN));
        try {
            long deadline = System.currentTimeMillis() + 20_000;
            while (edge.server.activeCalls() < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(edge.server.activeCalls()).isEqualTo(1);

            assertThat(reject(card, LedgerClient.PIN, "442071234567", 503, "Retry-After: [0-9]+")).isZero();
            assertThat(edge.registry.get("onecard.sip.calls.rejected").tag("reason", "busy").counter().count())
                .isEqualTo(1);
            assertThat(edge.server.activeCalls()).isEqualTo(1);
        } finally {
            first.kill();
            gateway.kill();
        }
    }

    @Test
    void shouldRelayAGatewayFailureAndChargeNothing() throws Exception {
        edge = new EdgeFixture(dir, true);
        long card = edge.issue(1_000);
        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_busy.xml"), edge.gateway(1));

        int exit = reject(card, LedgerClient.PIN, "442071234567", 486, ANY);

        assertThat(exit).isZero();
        assertThat(gateway.await(Duration.ofSeconds(10))).as(gateway.output()).isZero();
        edge.awaitIdle();
        assertUntouched(card, 1_000);
        assertThat(edge.history(card).get(0)).startsWith("void 12 ");
        assertThat(edge.callRecords()).singleElement().asString().contains("\"ended_by\":\"gateway_failed\"",
            "\"amount\":0", "\"sip_status\":486");
    }

    @Test
    void shouldChargeNothingWhenTheCallerCancelsBeforeTheAnswer() throws Exception {
        edge = new EdgeFixture(dir, true);
        long card = edge.issue(1_000);
        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_ring_cancel.xml"), edge.gateway(1));
        Sipp caller = Sipp.start(dir, "caller", Sipp.scenario("uac_cancel.xml"),
            edge.caller(Sipp.freePort(), "442071234567", card, LedgerClient.PIN));

        assertThat(caller.await(Duration.ofSeconds(30))).as(caller.output()).isZero();
        assertThat(gateway.await(Duration.ofSeconds(10))).as(gateway.output()).isZero();
        edge.awaitIdle();
        assertUntouched(card, 1_000);
        assertThat(edge.callRecords()).singleElement().asString().contains("\"ended_by\":\"cancelled\"",
            "\"amount\":0", "\"sip_status\":487");
    }

    private int reject(long card, String pin, String dialled, int status, String header) {
        Sipp caller = Sipp.start(dir, "caller-" + status, Sipp.scenario("uac_rejected.xml", "EXPECTED_STATUS",
            Integer.toString(status), "EXPECTED_HEADER", header), edge.caller(Sipp.freePort(), dialled, card, pin));
        int exit = caller.await(Duration.ofSeconds(30));
        assertThat(exit).as(caller.output()).isZero();
        return exit;
    }

    private void assertUntouched(long card, long balance) throws InterruptedException {
        edge.awaitIdle();
        LedgerClient.Outcome outcome = edge.card(card);
        assertThat(outcome.balance()).isEqualTo(balance);
        assertThat(outcome.held()).isZero();
    }
}
