package io.onecard.http.site;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The site's browser for tests: Debian's Chromium, headless, at a phone's window size, driven through Debian's
 * chromedriver, and the screenshots of every page a test visits under {@code target/screenshots}.
 */
final class HeadlessChromium {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver browser;
    private final String testName;
    private int pageCount;

    private HeadlessChromium(WebDriver browser, String testName) {
        this.browser = browser;
        this.testName = testName;
    }

    /** Starts a browser with its own profile folder; its screenshots are named after the test. */
    static HeadlessChromium open(Path profile, String testName) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile, "--window-size=412,915");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return new HeadlessChromium(browser, testName);
    }

    WebDriver driver() {
        return browser;
    }

    /**
     * Clicks a form's button and waits until the next page has replaced this one. The old button is gone once
     * any question about it fails: Chromium reports a replaced page's element as stale, or, during the swap,
     * as a node that no longer belongs to the document.
     */
    void submit(String buttonId) {
        WebElement button = browser.findElement(By.id(buttonId));
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
            try {
                button.isEnabled();
                return false;
            } catch (WebDriverException replaced) {
                return true;
            }
        });
    }

    /** Saves the page as it is now, numbered in the order of the test's visits. */
    void screenshot(String page) throws IOException {
        pageCount++;
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOTS);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(testName + "-" + pageCount + "-" + page + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
    }

    void quit() {
        browser.quit();
    }
}
