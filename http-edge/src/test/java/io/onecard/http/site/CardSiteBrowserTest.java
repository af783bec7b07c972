package io.onecard.http.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The site in a real headless Chromium (Debian's browser and driver) with a real SMTP server (GreenMail).
 * Every page visited is saved as a screenshot under {@code target/screenshots/}.
 */
class CardSiteBrowserTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dataDir;
    @TempDir
    Path browserProfile;
    private SiteFixture site;
    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeEach
    void start(TestInfo test) {
        site = SiteFixture.start(dataDir,
            SiteConfig.defaults(dataDir).withSmtp("127.0.0.1", MAIL.getSmtp().getPort()));
        chromium = HeadlessChromium.open(browserProfile, test.getTestMethod().orElseThrow().getName());
        browser = chromium.driver();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        site.close();
    }

    @Test
    void shouldShowTheCardAndEmailItWhenTheTestCardPays() throws Exception {
        browser.get(site.url("/"));
        screenshot("order-form");
        assertThat(browser.findElement(By.tagName("header")).getText()).contains("sandbox");
        browser.findElement(By.id("value")).sendKeys("25");
        new Select(browser.findElement(By.id("currency"))).selectByValue("EUR");
        browser.findElement(By.id("email")).sendKeys("buyer@example.org");
        submit("continue");

        screenshot("payment-form");
        assertThat(browser.findElement(By.tagName("header")).getText()).contains("sandbox");
        browser.findElement(By.id("card")).sendKeys("4242 4242 4242 4242");
        submit("pay");

        screenshot("card-issued");
        String cardNumber = browser.findElement(By.id("card-number")).getText();
        String pin = browser.findElement(By.id("pin")).getText();
        assertThat(cardNumber).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
        assertThat(pin).matches("\\d{6}");
        assertThat(browser.findElement(By.id("balance")).getText()).isEqualTo("25.00 EUR");
        assertThat(site.cardCount()).isEqualTo(1);

        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("buyer@example.org");
        Multipart parts = (Multipart) received[0].getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        String text = GreenMailUtil.getBody(parts.getBodyPart(0));
        assertThat(text).contains(cardNumber).contains("PIN: " + pin).contains("25.00 EUR");
    }

    @Test
    void shouldIssueNothingWhenThePaymentIsDeclined() throws Exception {
        long cardsBefore = site.cardCount();
        browser.get(site.url("/"));
        screenshot("order-form");
        browser.findElement(By.id("value")).sendKeys("40");
        browser.findElement(By.id("email")).sendKeys("buyer@example.org");
        submit("continue");
        screenshot("payment-form");
        browser.findElement(By.id("card")).sendKeys("4000 0000 0000 0002");
        submit("pay");

        screenshot("declined");
        assertThat(browser.findElement(By.id("declined")).getText())
            .contains("declined").contains("No card was issued");
        assertThat(browser.findElements(By.id("card-number"))).isEmpty();
        assertThat(site.cardCount()).isEqualTo(cardsBefore);
        assertThat(MAIL.waitForIncomingEmail(1_000, 1)).isFalse();
    }

    @Test
    void shouldEmailAGiftCardThatThenPaysThroughTheApi() throws Exception {
        String message = "<script>alert('x')</script> Happy birthday & more";
        browser.get(site.url("/"));
        screenshot("order-form");
        browser.findElement(By.id("value")).sendKeys("30");
        new Select(browser.findElement(By.id("currency"))).selectByValue("EUR");
        browser.findElement(By.id("email")).sendKeys("buyer@example.org");
        browser.findElement(By.id("for-gift")).click();
        browser.findElement(By.id("recipient-email")).sendKeys("friend@example.net");
        browser.findElement(By.id("message")).sendKeys(message);
        submit("continue");

        screenshot("payment-form");
        assertThat(browser.findElement(By.id("gift-message")).getText()).isEqualTo(message);
        browser.findElement(By.id("card")).sendKeys("4242424242424242");
        submit("pay");

        screenshot("gift-sent");
        assertThat(browser.findElement(By.id("gift-message")).getText()).isEqualTo(message);
        String masked = browser.findElement(By.id("masked-number")).getText();
        assertThat(masked).matches("\\*{4} \\*{4} \\*{4} \\d{4}");
        assertThat(browser.findElements(By.id("pin"))).isEmpty();

        assertThat(MAIL.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage gift = receivedBy("friend@example.net");
        MimeMessage receipt = receivedBy("buyer@example.org");
        String giftText = GreenMailUtil.getBody(((Multipart) gift.getContent()).getBodyPart(0));
        String giftHtml = GreenMailUtil.getBody(((Multipart) gift.getContent()).getBodyPart(1));
        assertThat(giftText).contains(message).contains("30.00 EUR");
        assertThat(giftHtml).doesNotContain("<script>").contains("&lt;script&gt;");
        Matcher card = Pattern.compile("Card number: (\\d{4} \\d{4} \\d{4} \\d{4})").matcher(giftText);
        Matcher pin = Pattern.compile("PIN: (\\d{6})").matcher(giftText);
        assertThat(card.find()).isTrue();
        assertThat(pin.find()).isTrue();
        String receiptText = GreenMailUtil.getBody(((Multipart) receipt.getContent()).getBodyPart(0));
        assertThat(receiptText).contains(masked).doesNotContain(card.group(1)).doesNotContain("PIN");

        HttpResponse<String> debit = site.send(HttpRequest.newBuilder(URI.create(site.url("/v1/debits")))
            .header("Authorization", "Bearer " + SiteFixture.GATEWAY_KEY).header("Idempotency-Key", "gift-debit-1")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"card_number\":\"" + card.group(1).replace(" ", "")
                + "\",\"pin\":\"" + pin.group(1) + "\",\"amount\":1250,\"currency\":\"EUR\"}")));
        assertThat(debit.statusCode()).as(debit.body()).isBetween(200, 201);
        assertThat(debit.body()).contains("1750");
    }

    @Test
    void shouldRechargeACardAndShowItsBalanceAndTransactions() throws Exception {
        browser.get(site.url("/"));
        browser.findElement(By.id("value")).sendKeys("25");
        browser.findElement(By.id("email")).sendKeys("buyer@example.org");
        submit("continue");
        browser.findElement(By.id("card")).sendKeys("4242 4242 4242 4242");
        submit("pay");
        screenshot("card-issued");
        String cardNumber = browser.findElement(By.id("card-number")).getText();
        String pin = browser.findElement(By.id("pin")).getText();

        browser.get(site.url("/recharge"));
        screenshot("recharge-form");
        browser.findElement(By.id("card")).sendKeys(cardNumber);
        browser.findElement(By.id("amount")).sendKeys("15.50");
        submit("continue");
        screenshot("recharge-payment-form");
        assertThat(browser.findElement(By.className("summary")).getText()).contains(cardNumber.substring(15))
            .contains("15.50 EUR");
        browser.findElement(By.id("card")).sendKeys("4242 4242 4242 4242");
        submit("pay");
        screenshot("recharged");
        assertThat(browser.findElement(By.id("new-balance")).getText()).isEqualTo("40.50 EUR");

        browser.get(site.url("/balance"));
        screenshot("balance-form");
        browser.findElement(By.id("card")).sendKeys(cardNumber);
        browser.findElement(By.id("pin")).sendKeys(pin);
        submit("show-balance");
        screenshot("balance");
        assertThat(browser.findElement(By.id("balance")).getText()).isEqualTo("40.50 EUR");
        assertThat(browser.findElement(By.id("transactions")).getText()).contains("recharge (site)")
            .contains("issue (site)").contains("15.50 EUR");
    }

    @Test
    void shouldShowTheSameErrorForAWrongPinAsForAnUnknownCard() throws Exception {
        browser.get(site.url("/"));
        browser.findElement(By.id("value")).sendKeys("25");
        browser.findElement(By.id("email")).sendKeys("buyer@example.org");
        submit("continue");
        browser.findElement(By.id("card")).sendKeys("4242 4242 4242 4242");
        submit("pay");
        String cardNumber = browser.findElement(By.id("card-number")).getText();
        String pin = browser.findElement(By.id("pin")).getText();
        String wrongPin = "000000".equals(pin) ? "111111" : "000000";

        browser.get(site.url("/balance"));
        browser.findElement(By.id("card")).sendKeys(cardNumber);
        browser.findElement(By.id("pin")).sendKeys(wrongPin);
        submit("show-balance");
        screenshot("wrong-pin");
        String wrong = browser.findElement(By.tagName("main")).getText();
        browser.findElement(By.id("card")).sendKeys("4242 4242 4242 4242");
        browser.findElement(By.id("pin")).sendKeys(pin);
        submit("show-balance");
        screenshot("unknown-card");
        String unknown = browser.findElement(By.tagName("main")).getText();

        assertThat(wrong).contains(BalanceDesk.NOT_ACCEPTED).isEqualTo(unknown);
    }

    private void submit(String buttonId) {
        chromium.submit(buttonId);
    }

    private static MimeMessage receivedBy(String address) throws Exception {
        for (MimeMessage message : MAIL.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address)) {
                return message;
            }
        }
        throw new AssertionError("no e-mail to " + address);
    }

    private void screenshot(String page) throws IOException {
        chromium.screenshot(page);
    }
}
