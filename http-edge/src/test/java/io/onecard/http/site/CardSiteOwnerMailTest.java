package io.onecard.http.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose card the site issues (the buyer's, or a gift's recipient's) and the recharge receipt that goes to a
 * card's owner, through a real SMTP server (GreenMail).
 */
class CardSiteOwnerMailTest {
    private static final String BUYER = "buyer@example.org";
    private static final Pattern CARD_NUMBER = Pattern.compile("id=\"card-number\">([0-9 ]+)<");

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dataDir;
    private SiteFixture site;

    @BeforeEach
    void start() {
        site = SiteFixture.start(dataDir, SiteConfig.defaults(dataDir).withSmtp("127.0.0.1",
            MAIL.getSmtp().getPort()));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void shouldMakeTheBuyerTheOwnerOfACardForThemselvesAndTheRecipientTheOwnerOfAGift() throws Exception {
        SiteVisitor buyer = SiteVisitor.open(site);

        long own = boughtCard(buyer);
        HttpResponse<String> gift = buyer.payOnSandbox(buyer.buyGift("30", BUYER, "friend@example.net", "Hi"),
            SandboxPaymentProvider.ACCEPTED_CARD);

        assertThat(gift.statusCode()).isEqualTo(200);
        assertThat(site.core.ownerEmail(own)).isEqualTo(BUYER);
        assertThat(MAIL.waitForIncomingEmail(10_000, 3)).isTrue();
        long given = SiteVisitor.cardNumberIn(receivedBy("friend@example.net"));
        assertThat(site.core.ownerEmail(given)).isEqualTo("friend@example.net");
    }

    @Test
    void shouldEmailARechargeReceiptToTheCardsOwner() throws Exception {
        SiteVisitor buyer = SiteVisitor.open(site);
        long card = boughtCard(buyer);
        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();

        HttpResponse<String> recharged = buyer.payOnSandbox(buyer.post("/recharge", "card=" + card
            + "&amount=15.50"), SandboxPaymentProvider.ACCEPTED_CARD);

        assertThat(recharged.statusCode()).isEqualTo(200);
        assertThat(recharged.body()).contains("id=\"new-balance\">40.50 EUR<");
        assertThat(MAIL.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage receipt = MAIL.getReceivedMessages()[1];
        assertThat(SiteVisitor.to(receipt)).isEqualTo(BUYER);
        assertThat(receipt.getSubject()).isEqualTo("Your OneCard recharge receipt");
        String last4 = Long.toString(card).substring(12);
        assertThat(SiteVisitor.text(receipt)).contains("**** **** **** " + last4).contains("15.50 EUR")
            .contains("New balance: 40.50 EUR").doesNotContain(Long.toString(card)).doesNotContain("PIN");
    }

    @Test
    void shouldSendNoReceiptForARechargeOfACardWithoutAnOwner() throws Exception {
        HttpResponse<String> issued = site.send(HttpRequest.newBuilder(URI.create(site.url("/v1/cards")))
            .header("Authorization", "Bearer " + SiteFixture.ADMIN_KEY).header("Idempotency-Key", "no-owner-1")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":1000,\"currency\":\"EUR\"}")));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String card = new ObjectMapper().readTree(issued.body()).path("card_number").asText();
        SiteVisitor buyer = SiteVisitor.open(site);

        HttpResponse<String> recharged = buyer.payOnSandbox(buyer.post("/recharge", "card=" + card
            + "&amount=5"), SandboxPaymentProvider.ACCEPTED_CARD);

        assertThat(recharged.statusCode()).isEqualTo(200);
        assertThat(recharged.body()).contains("id=\"new-balance\">15.00 EUR<");
        site.site.close();
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    private long boughtCard(SiteVisitor buyer) {
        HttpResponse<String> issued = buyer.payOnSandbox(buyer.buyForMe("25", "EUR", BUYER),
            SandboxPaymentProvider.ACCEPTED_CARD);
        Matcher number = CARD_NUMBER.matcher(issued.body());
        assertThat(number.find()).as(issued.body()).isTrue();
        return Long.parseLong(number.group(1).replace(" ", ""));
    }

    private static MimeMessage receivedBy(String address) {
        for (MimeMessage message : MAIL.getReceivedMessages()) {
            if (SiteVisitor.to(message).equals(address)) {
                return message;
            }
        }
        throw new AssertionError("no e-mail to " + address);
    }
}
