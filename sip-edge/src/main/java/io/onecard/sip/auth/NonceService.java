package io.onecard.sip.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues the nonces of digest challenges and decides whether a nonce may be used.
 *
 * <p>A nonce carries its issue time and a random part, signed with a key drawn at start, so the edge keeps
 * nothing per challenge it sends: a nonce it did not issue, or one older than its lifetime, is refused. Once a
 * nonce has been used, its highest nonce count ({@code nc}) is remembered until the nonce expires; a request
 * that repeats or lowers the count is a replay and is refused; only the canonical spelling of a nonce counts,
 * so that a replay cannot hide behind another encoding of the same bytes. At most {@link #maxTracked} nonces are
 * remembered; beyond that a new nonce is refused as stale, so that a flood cannot grow memory. Thread-safe.
 */
public final class NonceService {
    /** Longest nonce accepted from a client, in characters. */
    public static final int MAX_NONCE_LENGTH = 64;

    private static final int TIME_BYTES = Long.BYTES;
    private static final int RANDOM_BYTES = 8;
    private static final int MAC_BYTES = 12;
    private static final int NONCE_BYTES = TIME_BYTES + RANDOM_BYTES + MAC_BYTES;

    /** What a nonce check found. */
    public enum Verdict {
        /** Issued here, still fresh, and its count is higher than any seen before. */
        VALID,
        /** Issued here but expired or replayed: challenge again with {@code stale=true}. */
        STALE,
        /** Not a nonce of this edge. */
        INVALID
    }

    private final long lifetimeMillis;
    private final int maxTracked;
    private final LongSupplier clockMillis;
    private final SecureRandom random;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final ConcurrentHashMap<String, Use> uses = new ConcurrentHashMap<>();

    /**
     * @param lifetimeMillis how long a nonce may be used after it was issued
     * @param maxTracked how many used nonces are remembered at most
     * @param clockMillis the wall clock
     */
    public NonceService(long lifetimeMillis, int maxTracked, LongSupplier clockMillis, SecureRandom random) {
        if (lifetimeMillis < 1_000) {
            throw new IllegalArgumentException("nonce lifetime must be at least one second");
        }
        this.lifetimeMillis = lifetimeMillis;
        this.maxTracked = maxTracked;
        this.clockMillis = clockMillis;
        this.random = random;
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A new nonce. */
    public String issue() {
        ByteBuffer buffer = ByteBuffer.allocate(NONCE_BYTES);
        buffer.putLong(clockMillis.getAsLong());
        byte[] randomPart = new byte[RANDOM_BYTES];
        random.nextBytes(randomPart);
        buffer.put(randomPart);
        buffer.put(sign(buffer.array()), 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /**
     * Checks a nonce with the count the client sent, and records the count when the nonce is valid.
     *
     * @param nonceCount the {@code nc} value, a positive count
     */
    public Verdict use(String nonce, long nonceCount) {
        if (nonce == null || nonce.length() > MAX_NONCE_LENGTH || nonceCount < 1) {
            return Verdict.INVALID;
        }
        long issuedAt = issuedAt(nonce);
        if (issuedAt < 0) {
            return Verdict.INVALID;
        }
        long now = clockMillis.getAsLong();
        long expiresAt = issuedAt + lifetimeMillis;
        if (now >= expiresAt || issuedAt > now + lifetimeMillis) {
            return Verdict.STALE;
        }
        if (!uses.containsKey(nonce) && uses.size() >= maxTracked) {
            purgeExpired();
            if (uses.size() >= maxTracked) {
                return Verdict.STALE;
            }
        }
        boolean[] fresh = new boolean[1];
        uses.compute(nonce, (k, use) -> {
            if (use == null) {
                fresh[0] = true;
                return new Use(expiresAt, nonceCount);
            }
            if (nonceCount > use.highestCount) {
                fresh[0] = true;
                return new Use(use.expiresAtMillis, nonceCount);
            }
            return use;
        });
        return fresh[0] ? Verdict.VALID : Verdict.STALE;
    }

    /** Forgets nonces that have expired; they would be refused as stale anyway. */
    public void purgeExpired() {
        long now = clockMillis.getAsLong();
        uses.values().removeIf(use -> use.expiresAtMillis <= now);
    }

    /** How many used nonces are remembered now. */
    public int trackedCount() {
        return uses.size();
    }

    private long issuedAt(String nonce) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
        boolean canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(nonce);
        if (bytes.length != NONCE_BYTES || !canonical) {
            return -1;
        }
        byte[] expected = sign(java.util.Arrays.copyOf(bytes, TIME_BYTES + RANDOM_BYTES));
        int difference = 0;
        for (int i = 0; i < MAC_BYTES; i++) {
            difference |= expected[i] ^ bytes[TIME_BYTES + RANDOM_BYTES + i];
        }
        return difference == 0 ? ByteBuffer.wrap(bytes).getLong() : -1;
    }

    private byte[] sign(byte[] data) {
        Mac mac = macs.get();
        mac.update(data, 0, TIME_BYTES + RANDOM_BYTES);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private record Use(long expiresAtMillis, long highestCount) {
    }
}
