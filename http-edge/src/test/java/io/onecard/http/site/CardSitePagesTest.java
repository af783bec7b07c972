package io.onecard.http.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.ledger.ResultCode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site's pages over plain HTTP: headers, CSRF, escaping, idempotent issue and the e-mail outbox. */
class CardSitePagesTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern ORDER = Pattern.compile("name=\"order\" value=\"([^\"]+)\"");

    @TempDir
    Path dataDir;
    private SiteFixture site;

    @BeforeEach
    void start() {
        site = SiteFixture.start(dataDir, SiteConfig.defaults(dataDir));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void shouldSendSecurityHeadersAndASessionCookieWithTheOrderForm() {
        HttpResponse<String> page = site.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
            .contains("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("script-src");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly")
            .contains("SameSite=Strict");
        assertThat(page.body()).contains("name=\"viewport\"").contains("sandbox").doesNotContain("<script");
        assertThat(page.body()).contains("<label for=\"value\">").contains("<label for=\"currency\">")
            .contains("<label for=\"email\">");
    }

    @Test
    void shouldMarkTheSessionCookieSecureWhenTheSiteIsServedOverTls() {
        CsrfGuard plain = new CsrfGuard(false);
        CsrfGuard secure = new CsrfGuard(true);

        assertThat(plain.setCookie("abc")).doesNotContain("Secure");
        assertThat(secure.setCookie("abc")).endsWith("; Secure").contains("HttpOnly").contains("SameSite=Strict");
    }

    @Test
    void shouldLabelEveryFieldOfEveryForm() {
        Pattern field = Pattern.compile("<(input|select|textarea) id=\"([^\"]+)\"");
        for (String path : List.of("/", "/recharge", "/balance")) {
            HttpResponse<String> page = site.get(path);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("name=\"csrf\"").contains("sandbox");
            Matcher fields = field.matcher(page.body());
            int count = 0;
            while (fields.find()) {
                count++;
                assertThat(page.body()).as(path + " " + fields.group(2))
                    .contains("<label for=\"" + fields.group(2) + "\">");
            }
            assertThat(count).as(path).isGreaterThanOrEqualTo(2);
            assertThat(page.body()).doesNotContain("<input type=\"text\"").doesNotContain("<input name=");
        }
    }

    @Test
    void shouldServeTheStyleSheet() {
        HttpResponse<String> css = site.get("/site.css");

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.body()).contains("font-family");
    }

    @Test
    void shouldRefuseAPostWithoutTheTokenOfItsSession() {
        Session session = openSession();
        Session other = openSession();

        HttpResponse<String> noToken = site.postForm("/buy", session.cookie,
            "value=25&currency=EUR&email=a%40b.example");
        HttpResponse<String> otherToken = site.postForm("/buy", session.cookie,
            "csrf=" + other.token + "&value=25&currency=EUR&email=a%40b.example");
        HttpResponse<String> noCookie = site.postForm("/buy", null,
            "csrf=" + session.token + "&value=25&currency=EUR&email=a%40b.example");

        assertThat(List.of(noToken.statusCode(), otherToken.statusCode(), noCookie.statusCode()))
            .containsOnly(403);
        assertThat(site.postForm("/buy", session.cookie, session.form("value=25&currency=EUR&email=a%40b.example"))
            .statusCode()).isEqualTo(200);
    }

    @Test
    void shouldShowWhatTheBuyerTypedAsText() {
        Session session = openSession();

        HttpResponse<String> page = site.postForm("/buy", session.cookie,
            session.form("value=" + encode("<b>1</b>") + "&currency=EUR&email=" + encode("<script>x</script>")));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("&lt;script&gt;x&lt;/script&gt;").contains("&lt;b&gt;1&lt;/b&gt;")
            .doesNotContain("<script>").doesNotContain("<b>1");
    }

    @Test
    void shouldRefuseToPayAnOrderTwice() {
        Session session = openSession();
        String order = orderOf(site.postForm("/buy", session.cookie,
            session.form("value=10&currency=EUR&email=a%40b.example")));

        HttpResponse<String> first = site.postForm("/pay", session.cookie,
            session.form("order=" + order + "&card=" + SandboxPaymentProvider.ACCEPTED_CARD));
        HttpResponse<String> second = site.postForm("/pay", session.cookie,
            session.form("order=" + order + "&card=" + SandboxPaymentProvider.ACCEPTED_CARD));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("id=\"card-number\"");
        assertThat(second.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldIssueOneCardWhenAConfirmationArrivesTwice() throws InterruptedException {
        CardIssuer issuer = new CardIssuer(site.access);
        Order order = Order.pending("order-1", 2_500, "EUR", "a@b.example", CardNumbers.NONE, null, 0);
        BlockingQueue<CardIssuer.CardOutcome> results = new ArrayBlockingQueue<>(2);

        assertThat(issuer.issue("sbx_twice", order, results::add)).isTrue();
        CardIssuer.CardOutcome first = results.poll(10, TimeUnit.SECONDS);
        assertThat(issuer.issue("sbx_twice", order, results::add)).isTrue();
        CardIssuer.CardOutcome second = results.poll(10, TimeUnit.SECONDS);

        assertThat(first.code()).isEqualTo(ResultCode.OK);
        assertThat(first.replayed()).isFalse();
        assertThat(second.replayed()).isTrue();
        assertThat(second.cardNumber()).isEqualTo(first.cardNumber());
        assertThat(second.pin()).isEqualTo(first.pin());
        assertThat(first.balanceMinor()).isEqualTo(2_500);
    }

    @Test
    void shouldWriteEachMessageToTheOutboxWithoutAnSmtpHost() throws IOException {
        Session session = openSession();
        String order = orderOf(site.postForm("/buy", session.cookie,
            session.form("value=12.50&currency=GBP&email=buyer%40example.org")));
        HttpResponse<String> issued = site.postForm("/pay", session.cookie,
            session.form("order=" + order + "&card=4242+4242+4242+4242"));
        site.site.close();

        Path outbox = dataDir.resolve("outbox");
        List<Path> messages;
        try (Stream<Path> files = Files.list(outbox)) {
            messages = files.filter(file -> file.toString().endsWith(".eml")).toList();
        }
        assertThat(messages).hasSize(1);
        String eml = Files.readString(messages.get(0));
        assertThat(eml).contains("To: buyer@example.org").contains("text/plain").contains("text/html")
            .contains("12.50 GBP");
        Matcher number = Pattern.compile("id=\"card-number\">([0-9 ]+)<").matcher(issued.body());
        assertThat(number.find()).isTrue();
        assertThat(eml).contains(number.group(1));
    }

    @Test
    void shouldShowTheBalanceAndRecentTransactionsForTheRightPin() {
        Session session = openSession();
        BoughtCard card = buyCard(session, "10");

        HttpResponse<String> page = site.postForm("/balance", session.cookie,
            session.form("card=" + encode(card.number) + "&pin=" + card.pin));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"balance\">10.00 EUR<").contains("issue (site)");
    }

    @Test
    void shouldAnswerAWrongPinExactlyAsAnUnknownCard() {
        Session session = openSession();
        BoughtCard card = buyCard(session, "10");
        String wrongPin = card.pin.equals("000000") ? "111111" : "000000";

        HttpResponse<String> wrong = site.postForm("/balance", session.cookie,
            session.form("card=" + card.number.replace(" ", "") + "&pin=" + wrongPin));
        HttpResponse<String> unknown = site.postForm("/balance", session.cookie,
            session.form("card=" + SandboxPaymentProvider.ACCEPTED_CARD + "&pin=" + card.pin));
        HttpResponse<String> malformed = site.postForm("/balance", session.cookie, session.form("card=12&pin=1"));

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains(BalanceDesk.NOT_ACCEPTED).doesNotContain("id=\"balance\"");
        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode());
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(malformed.body()).isEqualTo(wrong.body());
    }

    @Test
    void shouldRefuseAClientThatMadeTooManyWrongAttempts() {
        Session session = openSession();
        BoughtCard card = buyCard(session, "10");
        for (int i = 0; i < CardSite.FAILED_ATTEMPT_LIMIT; i++) {
            site.postForm("/balance", session.cookie, session.form("card=" + SandboxPaymentProvider.ACCEPTED_CARD
                + "&pin=1234"));
        }

        HttpResponse<String> right = site.postForm("/balance", session.cookie,
            session.form("card=" + encode(card.number) + "&pin=" + card.pin));

        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.body()).contains(BalanceDesk.TOO_MANY).doesNotContain("id=\"balance\"");
    }

    @Test
    void shouldRefuseARechargeOfAnUnknownCardBeforeAnyPayment() {
        Session session = openSession();

        HttpResponse<String> page = site.postForm("/recharge", session.cookie,
            session.form("card=" + SandboxPaymentProvider.ACCEPTED_CARD + "&amount=20"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains(RechargeDesk.NOT_RECHARGEABLE).doesNotContain("name=\"order\"");
    }

    private BoughtCard buyCard(Session session, String value) {
        String order = orderOf(site.postForm("/buy", session.cookie,
            session.form("value=" + value + "&currency=EUR&email=a%40b.example")));
        HttpResponse<String> issued = site.postForm("/pay", session.cookie,
            session.form("order=" + order + "&card=" + SandboxPaymentProvider.ACCEPTED_CARD));
        Matcher number = Pattern.compile("id=\"card-number\">([0-9 ]+)<").matcher(issued.body());
        Matcher pin = Pattern.compile("id=\"pin\">([0-9]+)<").matcher(issued.body());
        assertThat(number.find()).isTrue();
        assertThat(pin.find()).isTrue();
        return new BoughtCard(number.group(1), pin.group(1));
    }

    private Session openSession() {
        HttpResponse<String> page = site.get("/");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).isTrue();
        return new Session(cookie, token.group(1));
    }

    private static String orderOf(HttpResponse<String> payPage) {
        assertThat(payPage.statusCode()).isEqualTo(200);
        Matcher order = ORDER.matcher(payPage.body());
        assertThat(order.find()).isTrue();
        return order.group(1);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private record BoughtCard(String number, String pin) {
    }

    private record Session(String cookie, String token) {
        String form(String fields) {
            return "csrf=" + token + "&" + fields;
        }
    }
}
