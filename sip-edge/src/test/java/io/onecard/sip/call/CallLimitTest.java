package io.onecard.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.testing.LedgerClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call whose caller vanishes still ends, at the configured maximum duration, and is billed for it. */
class CallLimitTest {
    @TempDir
    Path dir;

    private EdgeFixture edge;

    @BeforeEach
    void start() {
        edge = new EdgeFixture(dir, true, null, config -> config.withMaxCallDuration(Duration.ofSeconds(3)));
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void shouldEndACallWhoseCallerDisappearedAtTheMaximumDuration() throws Exception {
        long card = edge.issue(1_000);
        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_answer.xml"), edge.gateway(1));
        Sipp caller = Sipp.start(dir, "caller", Sipp.scenario("uac_wait_bye.xml"),
            edge.caller(Sipp.freePort(), "3123", card, LedgerClient.PIN));
        Thread.sleep(1_500);
        caller.kill();

        assertThat(gateway.await(Duration.ofSeconds(15))).as("the gateway gets its BYE\n" + gateway.output())
            .isZero();
        edge.awaitIdle();
        assertThat(edge.callRecords()).singleElement().asString().contains("\"ended_by\":\"max_duration\"",
            "\"billed_seconds\":3", "\"amount\":3");
        assertThat(edge.card(card).balance()).isEqualTo(1_000 - 3);
        assertThat(edge.card(card).held()).isZero();
    }
}
