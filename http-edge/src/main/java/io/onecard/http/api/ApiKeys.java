package io.onecard.http.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the {@code Authorization: Bearer <key>} header against the admin and gateway keys.
 *
 * <p>Both keys are kept only as SHA-256 digests; the presented key is digested and compared with both in
 * constant time ({@link MessageDigest#isEqual}), always both, so that neither the time taken nor the length
 * of a key tells a guesser anything.
 */
final class ApiKeys {
    private static final String BEARER = "Bearer ";
    /** One digest per event loop: {@code MessageDigest.getInstance} looks the provider up on every call. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(ApiKeys::newDigest);

    private final byte[] adminDigest;
    private final byte[] gatewayDigest;

    ApiKeys(String adminKey, String gatewayKey) {
        this.adminDigest = digest(adminKey);
        this.gatewayDigest = digest(gatewayKey);
    }

    /**
     * The role of the request's key.
     *
     * @param authorization the header's value, or {@code null}
     * @return the role, or {@code null} when the header is missing, malformed or names no known key
     */
    Role roleOf(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
            || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).trim());
        boolean admin = MessageDigest.isEqual(presented, adminDigest);
        boolean gateway = MessageDigest.isEqual(presented, gatewayDigest);
        if (admin) {
            return Role.ADMIN;
        }
        return gateway ? Role.GATEWAY : null;
    }

    private static byte[] digest(String key) {
        return SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
