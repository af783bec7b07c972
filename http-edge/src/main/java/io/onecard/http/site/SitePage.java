package io.onecard.http.site;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the card site, ready to write: status, body, media type and headers.
 *
 * <p>Every HTML page carries the same security headers: a Content-Security-Policy that allows no script at
 * all and styles only from this site, no framing, no referrer. The connection adds {@code nosniff} and
 * {@code Cache-Control: no-store} to every answer, so a card number or PIN on a page is not cached.
 *
 * @param status the HTTP status code
 * @param contentType the body's media type
 * @param body the body bytes
 * @param headers the extra headers, in the order they are written
 */
public record SitePage(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String HTML = "text/html; charset=utf-8";
    static final String CSS = "text/css; charset=utf-8";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public SitePage {
        headers = Map.copyOf(headers);
    }

    /** An HTML page with the security headers and, when not {@code null}, a cookie to set. */
    static SitePage html(int status, String html, String setCookie) {
        return html(status, html, setCookie, null);
    }

    /**
     * An HTML page whose forms may also lead to {@code formTarget} (an origin such as
     * {@code https://pay.example.com}): a hosted checkout, where the site answers a form with a redirect to
     * the provider, which the browser checks against {@code form-action} too.
     */
    static SitePage html(int status, String html, String setCookie, String formTarget) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", formTarget == null ? CONTENT_SECURITY_POLICY
            : CONTENT_SECURITY_POLICY.replace("form-action 'self'", "form-action 'self' " + formTarget));
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        if (setCookie != null) {
            headers.put("Set-Cookie", setCookie);
        }
        return new SitePage(status, HTML, html.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A redirect to another page (303 See Other: the browser follows it with a GET). */
    static SitePage redirect(String location) {
        return new SitePage(303, HTML, new byte[0], Map.of("Location", location, "Referrer-Policy", "no-referrer"));
    }

    /** The style sheet. */
    static SitePage css(byte[] css) {
        return new SitePage(200, CSS, css, Map.of("X-Frame-Options", "DENY"));
    }
}
