package io.onecard.sip.auth;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.SipDigest;
import java.util.Locale;

/**
 * A caller's answer to a digest challenge, checked for shape before it goes anywhere near the ledger.
 *
 * <p>Only the RFC 2617 form that OneCard offers is accepted: realm {@code onecard}, algorithm MD5 (or
 * absent), {@code qop=auth} with a client nonce and a nonce count. The password check itself happens in the
 * ledger, which alone can unseal the card's HA1: {@link #digestInput(String)} gives it everything of the
 * response hash that follows HA1.
 *
 * @param cardNumber the card number of the username, or {@link CardNumbers#NONE} when it is not one
 * @param nonce the server nonce the caller answers
 * @param uri the digest uri as the caller sent it
 * @param response the caller's 32 hex digits
 * @param cnonce the client nonce
 * @param nonceCountText the {@code nc} as sent (eight hex digits)
 * @param nonceCount the {@code nc} as a number
 */
public record DigestResponse(long cardNumber, String nonce, String uri, String response, String cnonce,
    String nonceCountText, long nonceCount) {

    /** Longest digest parameter accepted, in characters. */
    public static final int MAX_PARAMETER_LENGTH = 128;

    /** The only quality of protection offered. */
    public static final String QOP = "auth";

    /**
     * Checks the parameters of a {@code Proxy-Authorization: Digest} header.
     *
     * @return the response, or {@code null} when a parameter is missing, too long or not of the offered form
     */
    public static DigestResponse of(String scheme, String username, String realm, String nonce, String uri,
        String response, String algorithm, String qop, String cnonce, String nc) {
        if (!"Digest".equalsIgnoreCase(scheme) || !SipDigest.REALM.equals(realm)
            || (algorithm != null && !"MD5".equalsIgnoreCase(algorithm)) || !QOP.equals(qop)) {
            return null;
        }
        if (!fits(username) || !fits(nonce) || !fits(uri) || !fits(cnonce) || !fits(nc)
            || response == null || response.length() != 32 || !isHex(response)
            || nc.length() != 8 || !isHex(nc)) {
            return null;
        }
        return new DigestResponse(CardNumbers.parse(username), nonce, uri, response.toLowerCase(Locale.ROOT),
            cnonce, nc, Long.parseLong(nc, 16));
    }

    /**
     * The part of the response hash after HA1: {@code ":" nonce ":" nc ":" cnonce ":" qop ":" HA2}, where
     * {@code HA2 = MD5(method ":" uri)}.
     */
    public String digestInput(String method) {
        String ha2 = SipDigest.md5Hex(method + ":" + uri);
        return ":" + nonce + ":" + nonceCountText + ":" + cnonce + ":" + QOP + ":" + ha2;
    }

    private static boolean fits(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_PARAMETER_LENGTH && isPrintable(value);
    }

    private static boolean isPrintable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
