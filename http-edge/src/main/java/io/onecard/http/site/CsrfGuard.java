package io.onecard.http.site;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cross-site request forgery protection by a double-submitted, signed value.
 *
 * <p>Each browser gets a random session value in an HttpOnly, SameSite=Strict (under TLS also Secure)
 * cookie; every form carries the HMAC-SHA256 of that value under a key that never leaves the process. A POST
 * is accepted only when its form token is the HMAC of the cookie it came with, which another site can neither
 * read nor compute. The key is drawn at start, so forms served before a restart must be loaded again.
 */
final class CsrfGuard {
    static final String COOKIE = "onecard_site";
    static final String FIELD = "csrf";
    private static final int SESSION_BYTES = 32;
    private static final int MAX_COOKIE_LENGTH = 64;
    private static final String MAC = "HmacSHA256";

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];
    private final boolean secureCookie;

    CsrfGuard(boolean secureCookie) {
        this.secureCookie = secureCookie;
        random.nextBytes(key);
    }

    /** A fresh session value for a browser without one. */
    String newSession() {
        byte[] value = new byte[SESSION_BYTES];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** The session cookie's header value; {@code Secure} when the site is served over TLS. */
    String setCookie(String session) {
        return COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "");
    }

    /** True when a cookie value has the shape of one of our session values. */
    static boolean isSession(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_COOKIE_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** The token that forms of this session carry. */
    String token(String session) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(key, MAC));
            byte[] digest = mac.doFinal(session.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** True when the form token belongs to the session; compared in constant time. */
    boolean verify(String session, String formToken) {
        if (!isSession(session) || formToken == null) {
            return false;
        }
        byte[] expected = token(session).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, formToken.getBytes(StandardCharsets.US_ASCII));
    }
}
