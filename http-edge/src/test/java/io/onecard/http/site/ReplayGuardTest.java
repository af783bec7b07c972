package io.onecard.http.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Deliveries are remembered for twice the tolerance and at most up to the guard's capacity. */
class ReplayGuardTest {
    private static final long TOLERANCE_MILLIS = 300_000;

    @Test
    void shouldRefuseADeliverySeenWithinTwiceTheTolerance() {
        ReplayGuard guard = new ReplayGuard(10, TOLERANCE_MILLIS);

        assertThat(guard.firstSighting("1,aa", 1_000)).isTrue();
        assertThat(guard.firstSighting("1,aa", 1_000 + 2 * TOLERANCE_MILLIS - 1)).isFalse();
        assertThat(guard.firstSighting("1,bb", 1_000)).isTrue();
    }

    @Test
    void shouldForgetADeliveryOnceItsTimestampCheckWouldRefuseItAnyway() {
        ReplayGuard guard = new ReplayGuard(10, TOLERANCE_MILLIS);
        guard.firstSighting("1,aa", 1_000);

        assertThat(guard.firstSighting("2,bb", 1_000 + 2 * TOLERANCE_MILLIS)).isTrue();
        assertThat(guard.firstSighting("1,aa", 1_000 + 2 * TOLERANCE_MILLIS)).isTrue();
    }

    @Test
    void shouldKeepNoMoreThanItsCapacityDroppingTheOldestFirst() {
        ReplayGuard guard = new ReplayGuard(2, TOLERANCE_MILLIS);
        guard.firstSighting("a", 1);
        guard.firstSighting("b", 2);
        guard.firstSighting("c", 3);

        assertThat(guard.firstSighting("c", 4)).isFalse();
        assertThat(guard.firstSighting("b", 4)).isFalse();
        assertThat(guard.firstSighting("a", 4)).isTrue();
    }
}
