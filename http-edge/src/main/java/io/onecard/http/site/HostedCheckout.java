package io.onecard.http.site;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings of a hosted-checkout payment provider: the buyer pays on the provider's own page, and the
 * provider confirms the payment to the site with a signed webhook ({@link PaymentWebhook}).
 *
 * <p>The site sends the buyer (303) to {@link #checkoutUrl} with the query parameters {@code order_id},
 * {@code amount} (minor units), {@code currency}, {@code return_url} and {@code cancel_url}; both URLs are on
 * {@link #publicBaseUrl}, the address buyers reach the site at, because the site cannot know it from a
 * request behind a proxy. The webhook secret is never logged nor shown ({@link #toString} hides it).
 */
public final class HostedCheckout {
    /** Longest provider name, in characters. */
    public static final int MAX_NAME_CHARS = 40;
    /** The default tolerance between a webhook's timestamp and the site's clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** The longest tolerance accepted: a longer one would let a captured delivery be replayed for long. */
    public static final Duration MAX_TOLERANCE = Duration.ofHours(1);
    /** What a provider name may be: what every page can show as it is. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,"
        + (MAX_NAME_CHARS - 1) + "}");
    /** Shortest webhook secret accepted, in bytes. */
    public static final int MIN_SECRET_BYTES = 16;
    /** Longest webhook secret accepted, in bytes. */
    public static final int MAX_SECRET_BYTES = 256;

    private final String name;
    private final URI checkoutUrl;
    private final byte[] webhookSecret;
    private final Duration tolerance;
    private final URI publicBaseUrl;

    /**
     * @param name the provider's name, shown on every page: 1 to {@value #MAX_NAME_CHARS} of
     *     {@code A-Z a-z 0-9 space . _ -}, starting with a letter or digit
     * @param checkoutUrl the provider's checkout page, {@code http} or {@code https}, without a fragment
     * @param webhookSecret the secret shared with the provider, {@value #MIN_SECRET_BYTES} to
     *     {@value #MAX_SECRET_BYTES} bytes
     * @param tolerance how far a webhook's timestamp may be from the site's clock, either way: above zero, at
     *     most {@link #MAX_TOLERANCE}
     * @param publicBaseUrl the site's address as buyers reach it ({@code https://cards.example.org})
     */
    public HostedCheckout(String name, URI checkoutUrl, byte[] webhookSecret, Duration tolerance,
                          URI publicBaseUrl) {
        Objects.requireNonNull(name, "name");
        if (!NAME_PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException("the provider name must be 1 to " + MAX_NAME_CHARS
                + " letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        }
        this.name = name;
        this.checkoutUrl = requireWebAddress(checkoutUrl, "checkout URL");
        this.publicBaseUrl = requireWebAddress(publicBaseUrl, "public base URL");
        Objects.requireNonNull(webhookSecret, "webhook secret");
        if (webhookSecret.length < MIN_SECRET_BYTES || webhookSecret.length > MAX_SECRET_BYTES) {
            throw new IllegalArgumentException("the webhook secret must have " + MIN_SECRET_BYTES + " to "
                + MAX_SECRET_BYTES + " bytes");
        }
        this.webhookSecret = webhookSecret.clone();
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative() || tolerance.isZero() || tolerance.compareTo(MAX_TOLERANCE) > 0) {
            throw new IllegalArgumentException("the webhook tolerance must be above zero and at most "
                + MAX_TOLERANCE.toMinutes() + " minutes");
        }
        this.tolerance = tolerance;
    }

    private static URI requireWebAddress(URI uri, String what) {
        Objects.requireNonNull(uri, what);
        if (!isWebAddress(uri)) {
            throw new IllegalArgumentException("the " + what + " must be an http or https URL without a fragment");
        }
        return uri;
    }

    /** True for an {@code http} or {@code https} URL with a host and without a fragment. */
    public static boolean isWebAddress(URI uri) {
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
            && uri.getFragment() == null;
    }

    /** The provider's name, as every page shows it. */
    public String name() {
        return name;
    }

    URI checkoutUrl() {
        return checkoutUrl;
    }

    byte[] webhookSecret() {
        return webhookSecret.clone();
    }

    Duration tolerance() {
        return tolerance;
    }

    /** Where the provider sends the buyer back: the order's page. */
    URI returnUrl(String orderId) {
        return URI.create(base() + CardSite.ORDER_PATH + orderId);
    }

    /** Where the provider sends a buyer who gave up. */
    URI cancelUrl(String orderId) {
        return URI.create(base() + CardSite.ORDER_PATH + orderId + CardSite.CANCEL_SUFFIX);
    }

    /** The checkout page of one order, with everything the provider needs to take its payment. */
    URI checkoutFor(Order order) {
        String query = "order_id=" + order.orderId()
            + "&amount=" + order.amountMinor()
            + "&currency=" + order.currency()
            + "&return_url=" + encode(returnUrl(order.orderId()).toString())
            + "&cancel_url=" + encode(cancelUrl(order.orderId()).toString());
        String base = checkoutUrl.toString();
        return URI.create(base + (checkoutUrl.getRawQuery() == null ? "?" : "&") + query);
    }

    /** The provider's origin ({@code https://pay.example.com}), which the site's forms may be sent on to. */
    String origin() {
        return checkoutUrl.getScheme() + "://" + checkoutUrl.getRawAuthority();
    }

    private String base() {
        String base = publicBaseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HostedCheckout[name=" + name + ", checkoutUrl=" + checkoutUrl + ", webhookSecret=(hidden), tolerance="
            + tolerance + ", publicBaseUrl=" + publicBaseUrl + "]";
    }
}
