package io.onecard.http.site;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature header of a webhook delivery: {@code OneCard-Signature: t=<unix seconds>,v1=<hex>}, where
 * {@code v1} is the lowercase hexadecimal HMAC-SHA256, under the shared webhook secret, of the timestamp's
 * decimal digits, a full stop and the raw request body ({@code t + "." + body}).
 *
 * <p>The header must hold exactly those two items, once each, in any order; anything else is refused. The
 * signature is compared in constant time.
 *
 * @param timestampSeconds when the provider signed the delivery, in seconds since the epoch
 * @param signatureHex the signature as sent, lowercase hexadecimal
 */
record WebhookSignature(long timestampSeconds, String signatureHex) {
    /** The header's name. */
    static final String HEADER = "OneCard-Signature";
    /** Longest header value read. */
    static final int MAX_HEADER_CHARS = 200;
    private static final int MAX_TIMESTAMP_DIGITS = 12;
    private static final int SIGNATURE_HEX_CHARS = 64;
    private static final String MAC = "HmacSHA256";

    /** Reads the header, or returns {@code null} when it is missing or not exactly of the form above. */
    static WebhookSignature parse(String header) {
        if (header == null || header.length() > MAX_HEADER_CHARS) {
            return null;
        }
        String timestamp = null;
        String signature = null;
        for (String item : header.split(",", -1)) {
            String trimmed = item.strip();
            if (trimmed.startsWith("t=") && timestamp == null) {
                timestamp = trimmed.substring(2);
            } else if (trimmed.startsWith("v1=") && signature == null) {
                signature = trimmed.substring(3);
            } else {
                return null;
            }
        }
        if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1," + MAX_TIMESTAMP_DIGITS + "}")
            || !signature.matches("[0-9a-f]{" + SIGNATURE_HEX_CHARS + "}")) {
            return null;
        }
        return new WebhookSignature(Long.parseLong(timestamp), signature);
    }

    /** True when the signature is the one the secret gives for this timestamp and body. Constant time. */
    boolean matches(byte[] secret, byte[] body) {
        byte[] expected = sign(secret, timestampSeconds, body);
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signatureHex));
    }

    /** What identifies one signed delivery: the same bytes sent again carry the same value. */
    String deliveryKey() {
        return timestampSeconds + "," + signatureHex;
    }

    static byte[] sign(byte[] secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(secret, MAC));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
