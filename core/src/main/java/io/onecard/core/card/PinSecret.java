package io.onecard.core.card;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server secret that keys every PIN hash, and the PIN operations that need it.
 *
 * <p>A PIN never enters the journal or a card record: the thread that publishes a command replaces the PIN
 * with its keyed digest (HMAC-SHA256 under this secret), and the ledger stores only a salted hash of that
 * digest. PINs that OneCard generates itself are derived from the secret, the card number and the card's
 * salt, so that a replayed issue request can show the same PIN again without any copy of it being kept.
 * The secret is created in the data directory on first start, readable by its owner only.
 *
 * <p>Each thread keeps its own keyed MAC and output buffer, so that checking a credential allocates nothing.
 */
public final class PinSecret {
    /** Size of a PIN digest in bytes. */
    public static final int DIGEST_BYTES = 32;
    /** Size of a card's PIN salt in bytes. */
    public static final int SALT_BYTES = 16;
    /** Shortest PIN accepted. */
    public static final int MIN_PIN_DIGITS = 4;
    /** Longest PIN accepted. */
    public static final int MAX_PIN_DIGITS = 8;
    /** Length of the PINs OneCard generates. */
    public static final int GENERATED_PIN_DIGITS = 6;

    private static final String FILE_NAME = "pin-secret.key";
    private static final int SECRET_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<byte[]> keystreams = ThreadLocal.withInitial(() -> new byte[DIGEST_BYTES]);

    /** Wraps a secret of at least 32 bytes. */
    public PinSecret(byte[] secret) {
        if (secret.length < SECRET_BYTES) {
            throw new IllegalArgumentException("the PIN secret must have at least " + SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Reads the secret from the data directory, creating it on first start. */
    public static PinSecret loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] secret = new byte[SECRET_BYTES];
                random.nextBytes(secret);
                writeOwnerOnly(file, secret);
            }
            return new PinSecret(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the PIN secret " + file, e);
        }
    }

    /** True when the text is 4 to 8 ASCII digits. */
    public static boolean isValidPin(CharSequence pin) {
        if (pin == null || pin.length() < MIN_PIN_DIGITS || pin.length() > MAX_PIN_DIGITS) {
            return false;
        }
        for (int i = 0; i < pin.length(); i++) {
            char c = pin.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Writes the keyed digest of a PIN into {@code out[0..32)}. */
    public void digest(CharSequence pin, byte[] out) {
        Mac mac = macs.get();
        mac.update((byte) 'P');
        for (int i = 0; i < pin.length(); i++) {
            mac.update((byte) pin.charAt(i));
        }
        finish(mac, out);
    }

    /** The PIN OneCard generates for a card: six digits derived from the secret, the number and the salt. */
    public String derivePin(long cardNumber, byte[] salt) {
        Mac mac = macs.get();
        mac.update((byte) 'D');
        mac.update(Long.toString(cardNumber).getBytes(StandardCharsets.US_ASCII));
        mac.update(salt, 0, SALT_BYTES);
        byte[] out = new byte[DIGEST_BYTES];
        finish(mac, out);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (out[i] & 0xFF);
        }
        long modulus = 1_000_000L;
        return String.format("%06d", Long.remainderUnsigned(value, modulus));
    }

    /**
     * Writes the card's SIP HA1, {@code MD5(card ":" realm ":" pin)}, sealed under the secret, into
     * {@code out[0..16)}. The edge's digest challenges use {@link SipDigest#REALM}.
     */
    public void sealHa1(long cardNumber, byte[] salt, CharSequence pin, byte[] out) {
        byte[] ha1 = SipDigest.md5(cardNumber + ":" + SipDigest.REALM + ":" + pin);
        keystream(cardNumber, salt, out);
        for (int i = 0; i < SipDigest.HA1_BYTES; i++) {
            out[i] ^= ha1[i];
        }
    }

    /** Reverses {@link #sealHa1}: writes the plain HA1 into {@code out[0..16)}. */
    public void unsealHa1(long cardNumber, byte[] salt, byte[] sealed, byte[] out) {
        keystream(cardNumber, salt, out);
        for (int i = 0; i < SipDigest.HA1_BYTES; i++) {
            out[i] ^= sealed[i];
        }
    }

    private void keystream(long cardNumber, byte[] salt, byte[] out) {
        Mac mac = macs.get();
        mac.update((byte) 'S');
        for (int shift = 56; shift >= 0; shift -= 8) {
            mac.update((byte) (cardNumber >>> shift));
        }
        mac.update(salt, 0, SALT_BYTES);
        byte[] full = keystreams.get();
        finish(mac, full);
        System.arraycopy(full, 0, out, 0, SipDigest.HA1_BYTES);
    }

    private static void finish(Mac mac, byte[] out) {
        try {
            mac.doFinal(out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC output buffer too small", e);
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static void writeOwnerOnly(Path file, byte[] secret) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException noPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.write(file, secret, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
