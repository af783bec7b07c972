package io.onecard.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.testing.LedgerClient;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replayed digests and malformed messages: answered or dropped, never a crash, never a balance touched. */
class SipRobustnessTest {
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
    void shouldAcceptADigestOnceAndRefuseTheSameNonceCountAgain() throws Exception {
        long card = edge.issue(1_000);
        try (RawSipClient client = new RawSipClient(edge.port)) {
            client.send(client.invite("999", "replay-1", 1, ""));
            String challenge = client.finalResponse("replay-1");
            assertThat(challenge).startsWith("SIP/2.0 407").contains("realm=\"onecard\"", "qop=\"auth\"");
            String nonce = RawSipClient.nonceOf(challenge);
            String header = RawSipClient.authorization(card, LedgerClient.PIN, nonce, client.requestUri("999"),
                "00000001");

            client.send(client.invite("999", "replay-1", 2, header));
            assertThat(client.finalResponse("replay-1")).as("authenticated, then no rate").startsWith("SIP/2.0 404");

            client.send(client.invite("999", "replay-2", 1, header));
            assertThat(client.finalResponse("replay-2")).startsWith("SIP/2.0 407").contains("stale=true");

            String next = RawSipClient.authorization(card, LedgerClient.PIN, nonce, "sip:127.0.0.1:" + edge.port,
                "00000002");
            client.send(client.invite("999", "replay-3", 1, next));
            assertThat(client.finalResponse("replay-3")).as("edge address as digest uri").startsWith("SIP/2.0 404");

            String forged = RawSipClient.authorization(card, LedgerClient.PIN, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                client.requestUri("999"), "00000001");
            client.send(client.invite("999", "replay-4", 1, forged));
            assertThat(client.finalResponse("replay-4")).startsWith("SIP/2.0 407").doesNotContain("stale=true");
        }
        assertThat(edge.card(card).balance()).isEqualTo(1_000);
    }

    @Test
    void shouldSurviveMalformedMessagesWithoutTouchingBalances() throws Exception {
        long card = edge.issue(1_000);
        try (RawSipClient client = new RawSipClient(edge.port)) {
            byte[] garbage = new byte[1_200];
            new Random(42).nextBytes(garbage);
            client.send(garbage);
            client.send("INVITE sip:44@127.0.0.1 SIP/2.0\r\n\r\n");
            client.send("NOT SIP AT ALL\r\n\r\n");
            client.send(client.invite("44", "x".repeat(200), 1, ""));
            assertThat(client.finalResponse("x".repeat(200))).startsWith("SIP/2.0 400");
            client.send(client.invite("44", "bad-digest", 1, "Proxy-Authorization: Digest username=\"" + card
                + "\", realm=\"onecard\", nonce=\"zz\", uri=\"sip:x\", response=\"nothex\", qop=auth, nc=1\r\n"));
            assertThat(client.finalResponse("bad-digest")).startsWith("SIP/2.0 407");
            client.send(client.invite("44", "broken-length", 1, "").replace("Content-Length: 0",
                "Content-Length: 99999"));
            client.send(client.invite("44", "no-cseq", 1, "").replace("CSeq: 1 INVITE\r\n", ""));
            client.send("BYE sip:44@127.0.0.1 SIP/2.0\r\nCall-ID: lonely\r\n\r\n");
        }
        try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), edge.port)) {
            OutputStream out = tcp.getOutputStream();
            out.write("GARBAGE\r\nMore: garbage\r\nContent-Length: -5\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[4_096]);
            out.flush();
        }

        Sipp gateway = Sipp.start(dir, "gateway", Sipp.scenario("uas_answer.xml"), edge.gateway(1));
        List<String> caller = edge.caller(Sipp.freePort(), "442071234567", card, LedgerClient.PIN);
        caller.addAll(List.of("-t", "t1", "-d", "200"));
        Sipp tcpCaller = Sipp.start(dir, "caller", Sipp.scenario("uac_call.xml"), caller);
        assertThat(tcpCaller.await(Duration.ofSeconds(30))).as(tcpCaller.output()).isZero();
        assertThat(gateway.await(Duration.ofSeconds(10))).as(gateway.output()).isZero();
        edge.awaitIdle();
        assertThat(edge.card(card).balance()).as("only the one real call is charged").isEqualTo(1_000 - 12);
        assertThat(edge.card(card).held()).isZero();
    }
}
