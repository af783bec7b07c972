package io.onecard.core.card;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The salted hash of a PIN digest, as stored in a card record, and its constant-time comparison.
 *
 * <p>One instance per thread: it reuses its digest and buffers, so it allocates nothing per use.
 */
public final class PinHasher {
    /** Size of the stored hash in bytes. */
    public static final int HASH_BYTES = 32;

    private final MessageDigest sha256;
    private final byte[] computed = new byte[HASH_BYTES];

    public PinHasher() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Writes SHA-256(salt || digest) into {@code out[0..32)}. */
    public void hash(byte[] salt, byte[] pinDigest, byte[] out) {
        sha256.update(salt, 0, PinSecret.SALT_BYTES);
        sha256.update(pinDigest, 0, PinSecret.DIGEST_BYTES);
        try {
            sha256.digest(out, 0, HASH_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 output buffer too small", e);
        }
    }

    /** True when the digest hashes, under the salt, to the stored hash. Takes the same time either way. */
    public boolean matches(byte[] salt, byte[] pinDigest, byte[] storedHash) {
        hash(salt, pinDigest, computed);
        int difference = 0;
        for (int i = 0; i < HASH_BYTES; i++) {
            difference |= computed[i] ^ storedHash[i];
        }
        return difference == 0;
    }
}
