package io.onecard.http.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The owner's low-balance notice over a real server, core and SMTP server: one e-mail per fall, not per charge. */
class LowBalanceNoticeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long THRESHOLD_MINOR = 500;

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dataDir;

    private SiteFixture site;

    @BeforeEach
    void start() {
        site = SiteFixture.start(dataDir, SiteConfig.defaults(dataDir).withSmtp("127.0.0.1", MAIL.getSmtp().getPort()));
        site.site.noticeLowBalances(THRESHOLD_MINOR);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void shouldTellTheOwnerOncePerFallBelowTheThresholdWhateverMovedTheMoney() throws Exception {
        String owned = issue(2_000, "ann@example.org");
        String unowned = issue(2_000, null);

        debit(owned, 1_000, "d1");
        debit(owned, 600, "d2");
        debit(owned, 100, "d3");
        assertThat(post("/v1/debits", "d2", spend(owned, 600)).statusCode()).isEqualTo(201);
        debit(unowned, 1_900, "u1");
        assertThat(post("/v1/cards/" + owned + "/recharges", "r1", "{\"amount\":1000,\"currency\":\"EUR\"}")
            .statusCode()).isEqualTo(201);
        HttpResponse<String> hold = post("/v1/authorizations", "a1", spend(owned, 900));
        assertThat(hold.statusCode()).isEqualTo(201);
        String holdId = JSON.readTree(hold.body()).get("authorization_id").asText();
        assertThat(post("/v1/authorizations/" + holdId + "/capture", "c1", "{}").statusCode()).isEqualTo(200);
        String sentinel = issue(600, "last@example.org");
        debit(sentinel, 200, "s1");

        assertThat(MAIL.waitForIncomingEmail(30_000, 3)).isTrue();
        Message[] received = MAIL.getReceivedMessages();
        List<String> recipients = new ArrayList<>();
        for (Message message : received) {
            recipients.add(message.getAllRecipients()[0].toString());
        }
        assertThat(recipients).containsExactly("ann@example.org", "ann@example.org", "last@example.org");
        String first = text(received[0]);
        assertThat(received[0].getSubject()).isEqualTo("Your OneCard balance is low");
        assertThat(first).contains("**** **** **** " + owned.substring(12)).contains("4.00 EUR")
            .doesNotContain(owned);
        assertThat(text(received[1])).contains("4.00 EUR");
    }

    private static String text(Message message) throws IOException, MessagingException {
        return GreenMailUtil.getBody(((Multipart) message.getContent()).getBodyPart(0));
    }

    private String issue(long amountMinor, String owner) throws IOException {
        String body = "{\"amount\":" + amountMinor + ",\"currency\":\"EUR\",\"pin\":\"1234\""
            + (owner == null ? "" : ",\"owner_email\":\"" + owner + "\"") + "}";
        HttpResponse<String> response = post("/v1/cards", "issue-" + amountMinor + "-" + owner, body);
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode card = JSON.readTree(response.body());
        return card.get("card_number").asText();
    }

    private void debit(String card, long amountMinor, String key) {
        assertThat(post("/v1/debits", key, spend(card, amountMinor)).statusCode()).isEqualTo(201);
    }

    private static String spend(String card, long amountMinor) {
        return "{\"card_number\":\"" + card + "\",\"pin\":\"1234\",\"amount\":" + amountMinor
            + ",\"currency\":\"EUR\"}";
    }

    private HttpResponse<String> post(String path, String idempotencyKey, String body) {
        try {
            return site.send(HttpRequest.newBuilder(URI.create(site.url(path)))
                .header("Authorization", "Bearer " + SiteFixture.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        } catch (UncheckedIOException e) {
            throw new IllegalStateException(path, e);
        }
    }
}
