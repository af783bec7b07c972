package io.onecard.http.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hosted checkout in a real headless Chromium: the site sends the buyer to a provider's page on
 * loopback ({@link CheckoutPage}), the provider calls the signed webhook and sends the buyer back, and the
 * order's page, reloading itself, shows the outcome. Every page is saved under {@code target/screenshots/}.
 */
class CardSiteHostedBrowserTest {
    private static final String BUYER = "buyer@example.org";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dataDir;
    @TempDir
    Path browserProfile;
    private CheckoutPage provider;
    private SiteFixture site;
    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeEach
    void start(TestInfo test) throws IOException {
        provider = CheckoutPage.start();
        int port = SiteFixture.freePort();
        site = SiteFixture.startHosted(dataDir,
            SiteConfig.defaults(dataDir).withSmtp("127.0.0.1", MAIL.getSmtp().getPort()),
            CheckoutProvider.checkout(provider.checkoutUrl(), "http://127.0.0.1:" + port), port, access -> access);
        provider.deliverTo(site);
        chromium = HeadlessChromium.open(browserProfile, test.getTestMethod().orElseThrow().getName());
        browser = chromium.driver();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        site.close();
        provider.close();
    }

    @Test
    void shouldIssueTheCardAfterTheProviderConfirmsThePayment() throws Exception {
        orderAtProvider("25");
        screenshot("provider-checkout");
        assertThat(browser.findElement(By.id("provider-order")).getText()).contains("2500 EUR");
        submit("provider-pay");

        waitForOrderState("is ready");
        screenshot("order-done");
        assertThat(provider.lastDelivery().statusCode()).isEqualTo(200);
        assertThat(browser.findElement(By.tagName("header")).getText()).contains(CheckoutProvider.NAME);
        String masked = browser.findElement(By.id("masked-number")).getText();
        assertThat(masked).matches("\\*{4} \\*{4} \\*{4} \\d{4}");
        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage card = MAIL.getReceivedMessages()[0];
        assertThat(SiteVisitor.to(card)).isEqualTo(BUYER);
        long cardNumber = SiteVisitor.cardNumberIn(card);
        assertThat(Long.toString(cardNumber)).endsWith(masked.substring(15));
        assertThat(browser.getPageSource()).doesNotContain(Long.toString(cardNumber));
        assertThat(site.core.ownerEmail(cardNumber)).isEqualTo(BUYER);
        assertThat(site.cardCount()).isEqualTo(1);
    }

    @Test
    void shouldSayPlainlyThatNothingWasIssuedWhenTheProviderDeclines() throws Exception {
        orderAtProvider("40");
        screenshot("provider-checkout");
        submit("provider-decline");

        waitForOrderState("declined");
        screenshot("order-declined");
        assertThat(browser.findElement(By.id("declined")).getText())
            .isEqualTo("Your payment was declined. No card was issued and nothing was charged.");
        assertThat(site.cardCount()).isZero();
        assertThat(MAIL.waitForIncomingEmail(1_000, 1)).isFalse();
    }

    private void orderAtProvider(String value) throws IOException {
        browser.get(site.url("/"));
        screenshot("order-form");
        assertThat(browser.findElement(By.tagName("header")).getText()).contains(CheckoutProvider.NAME)
            .doesNotContain("sandbox");
        browser.findElement(By.id("value")).sendKeys(value);
        browser.findElement(By.id("email")).sendKeys(BUYER);
        submit("continue");
        assertThat(browser.getCurrentUrl()).startsWith(provider.checkoutUrl());
    }

    /** Waits, while the order's page reloads itself, until it shows the state wanted. */
    private void waitForOrderState(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
            String source = driver.getPageSource();
            return source.contains("id=\"order-state\"") && source.contains(text)
                || source.contains("id=\"declined\"") && text.equals("declined");
        });
    }

    private void submit(String buttonId) {
        chromium.submit(buttonId);
    }

    private void screenshot(String page) throws IOException {
        chromium.screenshot(page);
    }
}
