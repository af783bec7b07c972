package io.onecard.core.card;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks an RFC 2617 digest response (MD5, {@code qop=auth}) against a card's sealed HA1.
 *
 * <p>The SIP edge builds the part of the response hash that follows HA1, {@code ":" nonce ":" nc ":" cnonce
 * ":" qop ":" HA2}, from the caller's public challenge data; the ledger, which alone may unseal HA1, finishes
 * the hash and compares. One instance per thread: it reuses its digest and buffers, so a check allocates
 * nothing.
 */
public final class SipDigest {
    /** The digest realm of OneCard's challenges. */
    public static final String REALM = "onecard";
    /** Size of an MD5 HA1. */
    public static final int HA1_BYTES = 16;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int INITIAL_INPUT_BYTES = 256;

    private final PinSecret secret;
    private final MessageDigest md5 = newMd5();
    private final byte[] ha1 = new byte[HA1_BYTES];
    private final byte[] hexBytes = new byte[HA1_BYTES * 2];
    private final byte[] expected = new byte[HA1_BYTES];
    private byte[] inputBytes = new byte[INITIAL_INPUT_BYTES];

    public SipDigest(PinSecret secret) {
        this.secret = secret;
    }

    /** True when {@code response} is the digest of the card's HA1 and {@code input}. Constant time. */
    public boolean verify(long cardNumber, byte[] salt, byte[] sealedHa1, String input, String response) {
        if (input == null || response == null || response.length() != HA1_BYTES * 2) {
            return false;
        }
        secret.unsealHa1(cardNumber, salt, sealedHa1, ha1);
        toHex(ha1, hexBytes);
        md5.update(hexBytes);
        int inputLength = ascii(input);
        md5.update(inputBytes, 0, inputLength);
        try {
            md5.digest(expected, 0, HA1_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("MD5 output buffer too small", e);
        }
        toHex(expected, hexBytes);
        int difference = 0;
        for (int i = 0; i < hexBytes.length; i++) {
            difference |= hexBytes[i] ^ Character.toLowerCase(response.charAt(i));
        }
        return difference == 0;
    }

    /**
     * Writes the text into {@link #inputBytes} as {@code String.getBytes(US_ASCII)} would (one {@code '?'} for
     * each character outside ASCII, a surrogate pair counting as one), and returns the count of bytes.
     */
    private int ascii(String text) {
        if (text.length() > inputBytes.length) {
            inputBytes = new byte[text.length()];
        }
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                inputBytes[count++] = (byte) c;
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
            inputBytes[count++] = (byte) '?';
        }
        return count;
    }

    /** MD5 of an ASCII string. */
    public static byte[] md5(String text) {
        return newMd5().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex of MD5 of a string, as digest authentication writes hashes. */
    public static String md5Hex(String text) {
        byte[] out = new byte[HA1_BYTES * 2];
        toHex(md5(text), out);
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static void toHex(byte[] bytes, byte[] out) {
        for (int i = 0; i < bytes.length; i++) {
            out[i * 2] = (byte) HEX[bytes[i] >> 4 & 0xF];
            out[i * 2 + 1] = (byte) HEX[bytes[i] & 0xF];
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
