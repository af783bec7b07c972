package io.onecard.http.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site's orders across a stop and a start of the whole server (core, site and HTTP server) on the same
 * data directory: a paid order is fulfilled after the restart, exactly once, and its e-mail is sent.
 */
class CardSiteRestartTest {
    private static final String BUYER = "buyer@example.org";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dataDir;

    @Test
    void shouldFulfilAfterARestartAnOrderPaidBeforeTheStop() throws Exception {
        SiteConfig config = SiteConfig.defaults(dataDir).withSmtp("127.0.0.1", MAIL.getSmtp().getPort());
        HostedCheckout checkout = CheckoutProvider.checkout("https://cards.example.org");
        String orderId;
        try (SiteFixture stalled = SiteFixture.startHosted(dataDir, config, checkout, 0,
            access -> access.withSink((writer, listener) -> false))) {
            orderId = SiteVisitor.orderAtProvider(SiteVisitor.open(stalled).buyForMe("25", "EUR", BUYER));
            HttpResponse<String> delivery = CheckoutProvider.deliver(stalled,
                CheckoutProvider.event("pay_before_stop", orderId, "succeeded", 2_500, "EUR"));
            assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(200);
            SiteVisitor.waitForOrderPage(stalled, orderId, "is being prepared");
            assertThat(stalled.cardCount()).isZero();
        }
        assertThat(MAIL.getReceivedMessages()).isEmpty();

        try (SiteFixture restarted = SiteFixture.startHosted(dataDir, config, checkout, 0, access -> access)) {
            SiteVisitor.waitForOrderPage(restarted, orderId, "is ready");
            assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage card = MAIL.getReceivedMessages()[0];
            assertThat(SiteVisitor.to(card)).isEqualTo(BUYER);
            assertThat(restarted.core.ownerEmail(SiteVisitor.cardNumberIn(card))).isEqualTo(BUYER);
            assertThat(restarted.cardCount()).isEqualTo(1);
        }

        try (SiteFixture again = SiteFixture.startHosted(dataDir, config, checkout, 0, access -> access)) {
            assertThat(again.get(CardSite.ORDER_PATH + orderId).body()).contains("is ready");
            assertThat(MAIL.waitForIncomingEmail(1_000, 2)).isFalse();
            assertThat(again.cardCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldIssueTheSameCardOnceWhenTheStopCameBetweenTheIssueAndItsRecord() throws Exception {
        long issued;
        try (SiteFixture site = SiteFixture.start(dataDir, SiteConfig.defaults(dataDir))) {
            SiteVisitor buyer = SiteVisitor.open(site);
            HttpResponse<String> page = buyer.payOnSandbox(buyer.buyForMe("25", "EUR", BUYER),
                SandboxPaymentProvider.ACCEPTED_CARD);
            assertThat(page.statusCode()).isEqualTo(200);
            issued = SiteVisitor.cardNumberIn(SiteVisitor.waitForOutbox(dataDir, 1).get(0));
        }
        Path orders = dataDir.resolve("site").resolve("orders.jsonl");
        String written = Files.readString(orders);
        assertThat(written).contains("\"state\":\"FULFILLED\"").contains("\"mailed\":true");
        Files.writeString(orders, written.replace("\"state\":\"FULFILLED\"", "\"state\":\"PAID\"")
            .replace("\"mailed\":true", "\"mailed\":false"));
        Files.writeString(orders, "{\"id\":\"cut short by a cra", StandardOpenOption.APPEND);

        try (SiteFixture site = SiteFixture.start(dataDir, SiteConfig.defaults(dataDir))) {
            List<MimeMessage> mails = SiteVisitor.waitForOutbox(dataDir, 2);
            assertThat(mails).hasSize(2);
            assertThat(SiteVisitor.cardNumberIn(mails.get(1))).isEqualTo(issued);
            assertThat(site.cardCount()).isEqualTo(1);
        }
        assertThat(Files.readString(orders)).doesNotContain("cut short").contains("\"state\":\"FULFILLED\"");
    }

    @Test
    void shouldRefuseANewOrderWhileTheMostPendingOrdersWaitEvenAfterARestart() throws IOException {
        SiteConfig config = new SiteConfig(dataDir, null, 25, "cards@onecard.invalid", 2, false);
        try (SiteFixture site = SiteFixture.start(dataDir, config)) {
            SiteVisitor buyer = SiteVisitor.open(site);
            assertThat(buyer.buyForMe("10", "EUR", BUYER).statusCode()).isEqualTo(200);
            assertThat(buyer.buyForMe("11", "EUR", BUYER).statusCode()).isEqualTo(200);

            HttpResponse<String> third = buyer.buyForMe("12", "EUR", BUYER);

            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(third.body()).contains("too many orders");
        }
        try (SiteFixture site = SiteFixture.start(dataDir, config)) {
            assertThat(SiteVisitor.open(site).buyForMe("13", "EUR", BUYER).statusCode()).isEqualTo(503);
        }
        assertThat(Files.readAllLines(dataDir.resolve("site").resolve("orders.jsonl"))).hasSize(2);
    }
}
