package io.onecard.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.testing.LedgerClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls that run out of credit: cut at the end of the paid time, both legs told, the card never below zero. */
class CreditCutOffTest {
    private static final Pattern TIME = Pattern.compile("\"(answer|end)\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    private EdgeFixture edge;

    @BeforeEach
    void start() {
        edge = new EdgeFixture(dir, true, null, config -> config.withMaxCallDuration(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void shouldCutTheCallWhenTheSmallCreditRunsOutAndSendByeToBothLegs() throws Exception {
        long card = edge.issue(5);
        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_answer.xml"), edge.gateway(1));
        Sipp caller = Sipp.start(dir, "caller", Sipp.scenario("uac_wait_bye.xml"),
            edge.caller(Sipp.freePort(), "3123", card, LedgerClient.PIN));

        assertThat(caller.await(Duration.ofSeconds(30))).as(caller.output()).isZero();
        assertThat(gateway.await(Duration.ofSeconds(10))).as(gateway.output()).isZero();
        edge.awaitIdle();

        LedgerClient.Outcome after = edge.card(card);
        assertThat(after.balance()).isZero();
        assertThat(after.held()).isZero();
        String record = edge.callRecords().get(0);
        assertThat(record).contains("\"ended_by\":\"credit\"", "\"billed_seconds\":5", "\"amount\":5");
        long talkMillis = talkMillis(record);
        assertThat(talkMillis).isBetween(5_000L, 6_000L);
        assertThat(edge.registry.get("onecard.sip.calls.ended").tag("reason", "credit").counter().count())
            .isEqualTo(1);
    }

    @Test
    void shouldNeverOverspendWithTwoCallsAndWebDebitsOnOneCard() throws Exception {
        long initial = 40;
        long card = edge.issue(initial);
        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_answer.xml"), edge.gateway(2));
        List<String> arguments = edge.caller(Sipp.freePort(), "3123", card, LedgerClient.PIN);
        arguments.set(arguments.indexOf("-m") + 1, "2");
        arguments.addAll(List.of("-l", "2", "-r", "10"));
        Sipp callers = Sipp.start(dir, "callers", Sipp.scenario("uac_wait_bye.xml"), arguments);
        AtomicBoolean calling = new AtomicBoolean(true);
        AtomicLong debited = new AtomicLong();
        Thread web = new Thread(() -> debitWhile(card, calling, debited));
        web.start();

        int callersExit = callers.await(Duration.ofSeconds(40));
        calling.set(false);
        web.join();
        assertThat(callersExit).as(callers.output()).isZero();
        assertThat(gateway.await(Duration.ofSeconds(10))).as(gateway.output()).isZero();
        edge.awaitIdle();

        LedgerClient.Outcome after = edge.card(card);
        long calls = edge.history(card).stream().filter(line -> line.startsWith("call "))
            .mapToLong(line -> Long.parseLong(line.split(" ")[1])).sum();
        assertThat(after.held()).isZero();
        assertThat(after.balance()).isGreaterThanOrEqualTo(0).isEqualTo(initial - calls - debited.get());
        assertThat(calls).isPositive();
        assertThat(debited.get()).isPositive();
        assertThat(edge.callRecords()).hasSize(2)
            .allSatisfy(line -> assertThat(line).contains("\"ended_by\":\"credit\""));
    }

    private void debitWhile(long card, AtomicBoolean calling, AtomicLong debited) {
        int attempt = 0;
        while (calling.get()) {
            LedgerClient.Outcome outcome = edge.ledger.debit(card, 3, "web-" + attempt++);
            if ("OK".equals(outcome.code())) {
                debited.addAndGet(3);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long talkMillis(String record) {
        Matcher matcher = TIME.matcher(record);
        Instant answer = null;
        Instant end = null;
        while (matcher.find()) {
            if ("answer".equals(matcher.group(1))) {
                answer = Instant.parse(matcher.group(2));
            } else {
                end = Instant.parse(matcher.group(2));
            }
        }
        assertThat(answer).isNotNull();
        assertThat(end).isNotNull();
        return Duration.between(answer, end).toMillis();
    }
}
