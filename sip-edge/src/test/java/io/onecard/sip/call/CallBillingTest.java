package io.onecard.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.testing.LedgerClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completed calls through the real edge, with sipp as the caller and as the gateway, billed exactly. */
class CallBillingTest {
    @TempDir
    Path dir;

    private EdgeFixture edge;

    @BeforeEach
    void start() {
        edge = new EdgeFixture(dir, true);
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void shouldBillAWholeMinuteForAShortCallOnAPerMinuteRate() throws Exception {
        long card = edge.issue(1_000);

        CallResult call = talk(card, "442071234567", 1_000);

        assertThat(call.callerExit).as(call.output).isZero();
        assertThat(call.gatewayExit).as(call.output).isZero();
        edge.awaitIdle();
        LedgerClient.Outcome after = edge.card(card);
        assertThat(after.balance()).isEqualTo(1_000 - 12);
        assertThat(after.held()).isZero();
        assertThat(callItem(card)).startsWith("call 12 60 ").contains(" 442071234567 phone");
        assertThat(edge.callRecords()).hasSize(1);
        assertThat(edge.callRecords().get(0)).contains("\"billed_seconds\":60", "\"amount\":12",
            "\"ended_by\":\"caller\"", "\"dialled\":\"442071234567\"", "\"sip_status\":200")
            .doesNotContain(Long.toString(card));
    }

    @Test
    void shouldBillTheFirstIncrementThenWholeStepsOnAPerSecondRate() throws Exception {
        long card = edge.issue(1_000);

        CallResult call = talk(card, "2345", 4_500);

        assertThat(call.callerExit).as(call.output).isZero();
        assertThat(call.gatewayExit).as(call.output).isZero();
        edge.awaitIdle();
        assertThat(edge.card(card).balance()).isEqualTo(1_000 - (10 + 5));
        assertThat(edge.card(card).held()).isZero();
        assertThat(callItem(card)).startsWith("call 15 5 ");
    }

    @Test
    void shouldBillThirtySecondsForAShortCallWithSixSecondSteps() throws Exception {
        long card = edge.issue(1_000);

        CallResult call = talk(card, "15551234", 500);

        assertThat(call.callerExit).as(call.output).isZero();
        edge.awaitIdle();
        assertThat(edge.card(card).balance()).isEqualTo(1_000 - 3);
        assertThat(callItem(card)).startsWith("call 3 30 ");
    }

    @Test
    void shouldRelayTheGatewaysByeAndBillUpToIt() throws Exception {
        long card = edge.issue(1_000);
        List<String> gatewayArguments = edge.gateway(1);
        gatewayArguments.addAll(List.of("-d", "1500"));
        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_hangup.xml"), gatewayArguments);
        Sipp caller = Sipp.start(dir, "caller", Sipp.scenario("uac_wait_bye.xml"),
            edge.caller(Sipp.freePort(), "2345", card, LedgerClient.PIN));

        assertThat(caller.await(Duration.ofSeconds(30))).as(caller.output()).isZero();
        assertThat(gateway.await(Duration.ofSeconds(10))).as(gateway.output()).isZero();
        edge.awaitIdle();
        assertThat(edge.card(card).balance()).isEqualTo(1_000 - (10 + 2));
        assertThat(edge.callRecords()).singleElement().asString().contains("\"ended_by\":\"callee\"",
            "\"billed_seconds\":2");
        assertThat(edge.registry.get("onecard.sip.calls.answered").counter().count()).isEqualTo(1);
        assertThat(edge.registry.get("onecard.sip.calls.offered").counter().count()).isEqualTo(1);
        assertThat(edge.registry.get("onecard.sip.calls.active").gauge().value()).isZero();
    }

    @Test
    void shouldBillACallWithALongCallIdUnderItsFullCallId() throws Exception {
        long card = edge.issue(1_000);
        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_answer.xml"), edge.gateway(1));
        List<String> arguments = edge.caller(Sipp.freePort(), "442071234567", card, LedgerClient.PIN);
        String callId = "long-" + "c".repeat(110);
        arguments.addAll(List.of("-cid_str", callId, "-d", "100"));
        Sipp caller = Sipp.start(dir, "caller", Sipp.scenario("uac_call.xml"), arguments);

        assertThat(caller.await(Duration.ofSeconds(30))).as(caller.output()).isZero();
        assertThat(gateway.await(Duration.ofSeconds(10))).as(gateway.output()).isZero();
        edge.awaitIdle();
        assertThat(callItem(card)).startsWith("call 12 60 " + callId + " ");
    }

    @Test
    void shouldRelayInDialogRequestsBetweenTheLegs() throws Exception {
        long card = edge.issue(1_000);
        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_info.xml"), edge.gateway(1));
        Sipp caller = Sipp.start(dir, "caller", Sipp.scenario("uac_info.xml"),
            edge.caller(Sipp.freePort(), "442071234567", card, LedgerClient.PIN));

        assertThat(caller.await(Duration.ofSeconds(30))).as(caller.output()).isZero();
        assertThat(gateway.await(Duration.ofSeconds(10))).as(gateway.output()).isZero();
        edge.awaitIdle();
        assertThat(edge.card(card).balance()).isEqualTo(1_000 - 12);
    }

    @Test
    void shouldBillEveryCallOfABurstExactly() throws Exception {
        int calls = 100;
        long card = edge.issue(10_000);
        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_answer.xml"), edge.gateway(calls));
        List<String> arguments = edge.caller(Sipp.freePort(), "442071234567", card, LedgerClient.PIN);
        arguments.set(arguments.indexOf("-m") + 1, Integer.toString(calls));
        arguments.addAll(List.of("-r", "20", "-l", "50", "-d", "100"));
        Sipp callers = Sipp.start(dir, "callers", Sipp.scenario("uac_call.xml"), arguments);

        assertThat(callers.await(Duration.ofSeconds(60))).as(callers.output()).isZero();
        assertThat(gateway.await(Duration.ofSeconds(20))).as(gateway.output()).isZero();
        edge.awaitIdle();
        assertThat(edge.card(card).balance()).isEqualTo(10_000 - calls * 12L);
        assertThat(edge.card(card).held()).isZero();
        assertThat(edge.callRecords()).hasSize(calls);
    }

    private String callItem(long card) {
        return edge.history(card).stream().filter(line -> line.startsWith("call ")).findFirst().orElse("no call");
    }

    private CallResult talk(long card, String dialled, int talkMillis) {
        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_answer.xml"), edge.gateway(1));
        List<String> args = edge.caller(Sipp.freePort(), dialled, card, LedgerClient.PIN);
        args.addAll(List.of("-d", Integer.toString(talkMillis)));
        Sipp caller = Sipp.start(dir, "caller", Sipp.scenario("uac_call.xml"), args);
        int callerExit = caller.await(Duration.ofSeconds(60));
        int gatewayExit = gateway.await(Duration.ofSeconds(10));
        return new CallResult(callerExit, gatewayExit, caller.output() + gateway.output());
    }

    private record CallResult(int callerExit, int gatewayExit, String output) {
    }
}
