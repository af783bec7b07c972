package io.onecard.http.site;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hosted-checkout site on a real server on loopback, its webhook called by a real HTTP client the way a
 * provider calls it: signatures, timestamps, replays, duplicate and declined payments, and the cards they
 * issue (or do not).
 */
class CardSiteWebhookTest {
    private static final String BUYER = "buyer@example.org";

    @TempDir
    Path dataDir;
    private SiteFixture site;

    @BeforeEach
    void start() {
        site = SiteFixture.startHosted(dataDir, SiteConfig.defaults(dataDir),
            CheckoutProvider.checkout("https://cards.example.org"), 0, access -> access);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void shouldSendTheBuyerToTheProviderAndNameTheProviderOnEveryPage() {
        SiteVisitor buyer = SiteVisitor.open(site);

        HttpResponse<String> step = buyer.buyForMe("25", "EUR", BUYER);

        String orderId = SiteVisitor.orderAtProvider(step);
        Map<String, String> query = SiteVisitor.query(step.headers().firstValue("Location").orElseThrow());
        assertThat(query).containsEntry("merchant", "onecard").containsEntry("amount", "2500")
            .containsEntry("currency", "EUR")
            .containsEntry("return_url", "https://cards.example.org/site/orders/" + orderId)
            .containsEntry("cancel_url", "https://cards.example.org/site/orders/" + orderId + "/cancel");
        HttpResponse<String> form = site.get("/");
        assertThat(form.body()).contains("Payments by the <strong>" + CheckoutProvider.NAME + "</strong>")
            .doesNotContain("sandbox");
        assertThat(form.headers().firstValue("Content-Security-Policy").orElseThrow())
            .contains("form-action 'self' https://pay.example.com;");
        assertThat(site.get(CardSite.ORDER_PATH + orderId).body()).contains(CheckoutProvider.NAME)
            .contains("Waiting for the payment provider");
    }

    @Test
    void shouldIssueTheCardToTheBuyerOnceTheSignedConfirmationArrives() throws InterruptedException {
        String orderId = SiteVisitor.orderAtProvider(SiteVisitor.open(site).buyForMe("25", "EUR", BUYER));

        HttpResponse<String> delivery = CheckoutProvider.deliver(site,
            CheckoutProvider.event("pay_1001", orderId, "succeeded", 2_500, "EUR"));

        assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(200);
        assertThat(delivery.body()).isEqualTo("{\"status\":\"accepted\"}");
        String page = SiteVisitor.waitForOrderPage(site, orderId, "is ready");
        assertThat(page).contains("e-mailed to <strong>" + BUYER + "</strong>").contains("pay_1001");
        List<MimeMessage> mails = SiteVisitor.waitForOutbox(dataDir, 1);
        assertThat(mails).hasSize(1);
        assertThat(SiteVisitor.to(mails.get(0))).isEqualTo(BUYER);
        long cardNumber = SiteVisitor.cardNumberIn(mails.get(0));
        assertThat(page).doesNotContain(Long.toString(cardNumber));
        assertThat(site.core.ownerEmail(cardNumber)).isEqualTo(BUYER);
        assertThat(site.cardCount()).isEqualTo(1);
    }

    @Test
    void shouldMakeTheRecipientTheOwnerOfAGiftCard() throws InterruptedException {
        String orderId = SiteVisitor.orderAtProvider(SiteVisitor.open(site).buyGift("30", BUYER,
            "friend@example.net", "Happy birthday"));

        CheckoutProvider.deliver(site, CheckoutProvider.event("pay_gift", orderId, "succeeded", 3_000, "EUR"));

        SiteVisitor.waitForOrderPage(site, orderId, "The gift card");
        List<MimeMessage> gift = SiteVisitor.to(SiteVisitor.waitForOutbox(dataDir, 2), "friend@example.net");
        assertThat(gift).hasSize(1);
        assertThat(site.core.ownerEmail(SiteVisitor.cardNumberIn(gift.get(0)))).isEqualTo("friend@example.net");
    }

    @Test
    void shouldRefuseADeliveryWithABadSignature() throws InterruptedException {
        String orderId = SiteVisitor.orderAtProvider(SiteVisitor.open(site).buyForMe("25", "EUR", BUYER));
        String body = CheckoutProvider.event("pay_forged", orderId, "succeeded", 2_500, "EUR");
        byte[] otherSecret = "another-secret-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String signedForLess = CheckoutProvider.signature(CheckoutProvider.SECRET, Instant.now(),
            CheckoutProvider.event("pay_forged", orderId, "succeeded", 2_499, "EUR"));

        HttpResponse<String> wrongSecret = CheckoutProvider.deliver(site, body,
            CheckoutProvider.signature(otherSecret, Instant.now(), body));
        HttpResponse<String> changedBody = CheckoutProvider.deliver(site, body, signedForLess);
        HttpResponse<String> unsigned = CheckoutProvider.deliver(site, body, null);
        HttpResponse<String> garbled = CheckoutProvider.deliver(site, body, "t=1,v1=xyz");

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.body()).contains("\"code\":\"bad_signature\"");
        assertThat(changedBody.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(garbled.body()).contains("\"code\":\"invalid_signature_header\"");
        assertThat(site.get(CardSite.ORDER_PATH + orderId).body()).contains("Waiting for the payment provider");
        assertThat(site.cardCount()).isZero();
        assertThat(CheckoutProvider.deliver(site, body).statusCode()).isEqualTo(200);
        SiteVisitor.waitForOrderPage(site, orderId, "is ready");
        assertThat(site.cardCount()).isEqualTo(1);
    }

    @Test
    void shouldRefuseADeliveryWhoseTimestampIsOutsideTheTolerance() throws InterruptedException {
        String orderId = SiteVisitor.orderAtProvider(SiteVisitor.open(site).buyForMe("25", "EUR", BUYER));
        String body = CheckoutProvider.event("pay_old", orderId, "succeeded", 2_500, "EUR");
        Duration beyond = CheckoutProvider.TOLERANCE.plusSeconds(60);
        Duration within = CheckoutProvider.TOLERANCE.minusSeconds(60);

        HttpResponse<String> old = CheckoutProvider.deliver(site, body,
            CheckoutProvider.signature(CheckoutProvider.SECRET, Instant.now().minus(beyond), body));
        HttpResponse<String> future = CheckoutProvider.deliver(site, body,
            CheckoutProvider.signature(CheckoutProvider.SECRET, Instant.now().plus(beyond), body));

        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.body()).contains("\"code\":\"timestamp_out_of_tolerance\"");
        assertThat(future.statusCode()).isEqualTo(401);
        assertThat(site.cardCount()).isZero();
        HttpResponse<String> late = CheckoutProvider.deliver(site, body,
            CheckoutProvider.signature(CheckoutProvider.SECRET, Instant.now().minus(within), body));
        assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
        SiteVisitor.waitForOrderPage(site, orderId, "is ready");
        assertThat(site.cardCount()).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheSameSignedDeliverySentAgain() throws InterruptedException {
        String orderId = SiteVisitor.orderAtProvider(SiteVisitor.open(site).buyForMe("25", "EUR", BUYER));
        String body = CheckoutProvider.event("pay_replay", orderId, "succeeded", 2_500, "EUR");
        String signature = CheckoutProvider.signature(CheckoutProvider.SECRET, Instant.now(), body);

        HttpResponse<String> first = CheckoutProvider.deliver(site, body, signature);
        HttpResponse<String> replayed = CheckoutProvider.deliver(site, body, signature);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replayed.statusCode()).isEqualTo(409);
        assertThat(replayed.body()).contains("\"code\":\"replayed\"");
        SiteVisitor.waitForOrderPage(site, orderId, "is ready");
        assertThat(SiteVisitor.waitForOutbox(dataDir, 1)).hasSize(1);
        site.site.close();
        assertThat(site.cardCount()).isEqualTo(1);
        assertThat(SiteVisitor.outbox(dataDir)).hasSize(1);
    }

    @Test
    void shouldIssueOneCardWhenTheConfirmationIsDeliveredTwice() throws InterruptedException {
        String orderId = SiteVisitor.orderAtProvider(SiteVisitor.open(site).buyForMe("25", "EUR", BUYER));
        String body = CheckoutProvider.event("pay_twice", orderId, "succeeded", 2_500, "EUR");

        HttpResponse<String> first = CheckoutProvider.deliver(site, body);
        HttpResponse<String> again = CheckoutProvider.deliver(site, body,
            CheckoutProvider.signature(CheckoutProvider.SECRET, Instant.now().minusSeconds(1), body));
        SiteVisitor.waitForOrderPage(site, orderId, "is ready");
        HttpResponse<String> late = CheckoutProvider.deliver(site, body,
            CheckoutProvider.signature(CheckoutProvider.SECRET, Instant.now().minusSeconds(2), body));

        assertThat(first.body()).isEqualTo("{\"status\":\"accepted\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(late.body()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(SiteVisitor.waitForOutbox(dataDir, 1)).hasSize(1);
        site.site.close();
        assertThat(site.cardCount()).isEqualTo(1);
        assertThat(SiteVisitor.outbox(dataDir)).hasSize(1);
    }

    @Test
    void shouldIssueNothingForADeclinedPaymentAndSaySo() throws InterruptedException {
        String orderId = SiteVisitor.orderAtProvider(SiteVisitor.open(site).buyForMe("25", "EUR", BUYER));

        HttpResponse<String> delivery = CheckoutProvider.deliver(site,
            CheckoutProvider.event("pay_declined", orderId, "declined", 2_500, "EUR"));

        assertThat(delivery.statusCode()).isEqualTo(200);
        String page = SiteVisitor.waitForOrderPage(site, orderId, "Payment declined");
        assertThat(page).contains("Your payment was declined. No card was issued and nothing was charged.")
            .doesNotContain("http-equiv=\"refresh\"");
        site.site.close();
        assertThat(site.cardCount()).isZero();
        assertThat(SiteVisitor.outbox(dataDir)).isEmpty();
    }

    @Test
    void shouldRefuseAnEventForAnUnknownOrderOrAnotherAmountOrAMalformedBody() {
        String orderId = SiteVisitor.orderAtProvider(SiteVisitor.open(site).buyForMe("25", "EUR", BUYER));

        HttpResponse<String> unknown = CheckoutProvider.deliver(site,
            CheckoutProvider.event("pay_x", "0123456789abcdef0123456789abcdef", "succeeded", 2_500, "EUR"));
        HttpResponse<String> less = CheckoutProvider.deliver(site,
            CheckoutProvider.event("pay_y", orderId, "succeeded", 100, "EUR"));
        HttpResponse<String> otherCurrency = CheckoutProvider.deliver(site,
            CheckoutProvider.event("pay_z", orderId, "succeeded", 2_500, "GBP"));
        HttpResponse<String> extraField = CheckoutProvider.deliver(site,
            "{\"payment_id\":\"p\",\"order_id\":\"" + orderId + "\",\"outcome\":\"succeeded\",\"amount\":2500,"
            + "\"currency\":\"EUR\",\"card\":\"4242\"}");
        HttpResponse<String> fraction = CheckoutProvider.deliver(site,
            "{\"payment_id\":\"p\",\"order_id\":\"" + orderId + "\",\"outcome\":\"succeeded\",\"amount\":25.00,"
            + "\"currency\":\"EUR\"}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(less.statusCode()).isEqualTo(422);
        assertThat(otherCurrency.statusCode()).isEqualTo(422);
        assertThat(extraField.statusCode()).isEqualTo(400);
        assertThat(extraField.body()).contains("unknown field: card");
        assertThat(fraction.statusCode()).isEqualTo(400);
        assertThat(site.get(CardSite.ORDER_PATH + orderId).body()).contains("Waiting for the payment provider");
        assertThat(site.cardCount()).isZero();
    }
}
