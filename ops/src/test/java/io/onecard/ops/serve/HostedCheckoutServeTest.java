package io.onecard.ops.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.ops.config.ConfigLoader;
import io.onecard.ops.testing.Cli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosted-checkout settings reach the running server: the site names the configured provider, sends a
 * buyer to its checkout page, and issues the card (e-mailed to the outbox) when a delivery signed with the
 * configured secret confirms the payment, while one signed with another secret is refused.
 */
class HostedCheckoutServeTest {
    private static final String SECRET = "whsec-serve-test-0123456789";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern ORDER_ID = Pattern.compile("order_id=([0-9a-f]{32})");

    @TempDir
    Path dir;
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void shouldTakePaymentsThroughTheConfiguredHostedCheckout() throws Exception {
        Map<String, String> environment = new HashMap<>(Cli.smallLedger(dir.resolve("data")));
        environment.put("ONECARD_DEMO_CARDS", "0");
        environment.put("ONECARD_SITE_PAYMENT_PROVIDER", "hosted");
        environment.put("ONECARD_SITE_CHECKOUT_NAME", "Example Pay");
        environment.put("ONECARD_SITE_CHECKOUT_URL", "https://pay.example.com/checkout");
        environment.put("ONECARD_SITE_WEBHOOK_SECRET", SECRET);
        environment.put("ONECARD_SITE_PUBLIC_URL", "https://cards.example.org");
        try (OneCardServer server = OneCardServer.start(ConfigLoader.load(null, environment))) {
            String site = server.listening().get(ServerPartNames.HTTP);
            HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(site + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(form.body()).contains("Payments by the <strong>Example Pay</strong>");
            Matcher token = CSRF.matcher(form.body());
            assertThat(token.find()).isTrue();
            String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

            HttpResponse<String> step = client.send(HttpRequest.newBuilder(URI.create(site + "/buy"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1)
                    + "&value=20&currency=EUR&email=buyer%40example.org")).build(),
                HttpResponse.BodyHandlers.ofString());
            String location = step.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith("https://pay.example.com/checkout?order_id=");
            Matcher order = ORDER_ID.matcher(location);
            assertThat(order.find()).isTrue();
            String body = "{\"payment_id\":\"pay_serve\",\"order_id\":\"" + order.group(1)
                + "\",\"outcome\":\"succeeded\",\"amount\":2000,\"currency\":\"EUR\"}";

            HttpResponse<String> forged = deliver(site, body, "another-secret-0123456789");
            HttpResponse<String> signed = deliver(site, body, SECRET);

            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
            assertThat(waitForMail(dir.resolve("data").resolve("outbox"))).contains("To: buyer@example.org");
        }
    }

    private HttpResponse<String> deliver(String site, String body, String secret) throws Exception {
        long seconds = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((seconds + "." + body)
            .getBytes(StandardCharsets.UTF_8)));
        return client.send(HttpRequest.newBuilder(URI.create(site + "/site/payments/webhook"))
            .header("Content-Type", "application/json").header("OneCard-Signature", "t=" + seconds + ",v1=" + signature)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String waitForMail(Path outbox) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.isDirectory(outbox)) {
                try (Stream<Path> files = Files.list(outbox)) {
                    Path first = files.filter(file -> file.toString().endsWith(".eml")).findFirst().orElse(null);
                    String mail = first == null ? "" : Files.readString(first);
                    if (mail.contains("text/html")) {
                        return mail;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no e-mail in " + outbox);
    }
}
