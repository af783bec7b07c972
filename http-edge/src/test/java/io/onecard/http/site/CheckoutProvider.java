package io.onecard.http.site;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The provider's side of a hosted checkout, as the tests play it: the settings the site is given, and
 * webhook deliveries signed the way the README tells a provider to sign them, independently of the site's
 * own code.
 */
final class CheckoutProvider {
    static final String NAME = "Example Pay";
    static final String CHECKOUT_URL = "https://pay.example.com/checkout?merchant=onecard";
    static final byte[] SECRET = "whsec-0123456789abcdef0123456789".getBytes(StandardCharsets.US_ASCII);
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private CheckoutProvider() {
    }

    /** The site's settings for this provider, the site being reached at {@code publicBaseUrl}. */
    static HostedCheckout checkout(String publicBaseUrl) {
        return checkout(CHECKOUT_URL, publicBaseUrl);
    }

    /** The site's settings for a provider whose checkout page is at {@code checkoutUrl}. */
    static HostedCheckout checkout(String checkoutUrl, String publicBaseUrl) {
        return new HostedCheckout(NAME, URI.create(checkoutUrl), SECRET, TOLERANCE, URI.create(publicBaseUrl));
    }

    /** The JSON body of one payment event. */
    static String event(String paymentId, String orderId, String outcome, long amountMinor, String currency) {
        return "{\"payment_id\":\"" + paymentId + "\",\"order_id\":\"" + orderId + "\",\"outcome\":\"" + outcome
            + "\",\"amount\":" + amountMinor + ",\"currency\":\"" + currency + "\"}";
    }

    /** {@code t=<seconds>,v1=<hex HMAC-SHA256 of "<seconds>.<body>">} under {@code secret}. */
    static String signature(byte[] secret, Instant signedAt, String body) {
        long seconds = signedAt.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((seconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts one delivery, signed as given, to the site's webhook. */
    static HttpResponse<String> deliver(SiteFixture site, String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site.url(CardSite.WEBHOOK_PATH)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("OneCard-Signature", signature);
        }
        return site.send(request);
    }

    /** Posts one delivery signed now with the right secret. */
    static HttpResponse<String> deliver(SiteFixture site, String body) {
        return deliver(site, body, signature(SECRET, Instant.now(), body));
    }
}
