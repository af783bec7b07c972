package io.onecard.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NonceServiceTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final NonceService nonces = new NonceService(30_000, 3, now::get, new SecureRandom());

    @Test
    void shouldAcceptEachNonceCountOnceAndInIncreasingOrder() {
        String nonce = nonces.issue();

        assertThat(nonces.use(nonce, 1)).isEqualTo(NonceService.Verdict.VALID);
        assertThat(nonces.use(nonce, 1)).isEqualTo(NonceService.Verdict.STALE);
        assertThat(nonces.use(nonce, 3)).isEqualTo(NonceService.Verdict.VALID);
        assertThat(nonces.use(nonce, 2)).isEqualTo(NonceService.Verdict.STALE);
    }

    @Test
    void shouldRefuseAnExpiredNonceAsStale() {
        String nonce = nonces.issue();
        now.addAndGet(30_000);

        assertThat(nonces.use(nonce, 1)).isEqualTo(NonceService.Verdict.STALE);
    }

    @Test
    void shouldRefuseNoncesItDidNotIssue() {
        String nonce = nonces.issue();
        char inMac = nonce.charAt(30);
        String tampered = nonce.substring(0, 30) + (inMac == 'A' ? 'B' : 'A') + nonce.substring(31);
        char last = nonce.charAt(nonce.length() - 1);
        String respelled = nonce.substring(0, nonce.length() - 1) + (char) (last ^ 1);
        NonceService other = new NonceService(30_000, 3, now::get, new SecureRandom());

        assertThat(nonces.use(tampered, 1)).isEqualTo(NonceService.Verdict.INVALID);
        assertThat(nonces.use(respelled, 1)).as("another spelling of the same bytes").isEqualTo(
            NonceService.Verdict.INVALID);
        assertThat(other.use(nonce, 1)).isEqualTo(NonceService.Verdict.INVALID);
        assertThat(nonces.use("not base64 !", 1)).isEqualTo(NonceService.Verdict.INVALID);
        assertThat(nonces.use(nonce, 0)).isEqualTo(NonceService.Verdict.INVALID);
    }

    @Test
    void shouldBoundTheNoncesItRemembers() {
        for (int i = 0; i < 3; i++) {
            assertThat(nonces.use(nonces.issue(), 1)).isEqualTo(NonceService.Verdict.VALID);
        }

        assertThat(nonces.use(nonces.issue(), 1)).isEqualTo(NonceService.Verdict.STALE);
        now.addAndGet(30_000);
        nonces.purgeExpired();
        assertThat(nonces.trackedCount()).isZero();
        assertThat(nonces.use(nonces.issue(), 1)).isEqualTo(NonceService.Verdict.VALID);
    }
}
