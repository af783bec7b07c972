package io.onecard.sip.rating;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.card.Currencies;
import org.junit.jupiter.api.Test;

class RateTest {
    private static final int EUR = Currencies.parse("EUR");

    @Test
    void shouldBillWholeMinutesOnAPerMinuteRate() {
        Rate rate = new Rate("44", EUR, 12, 60, 60, 0);

        assertThat(rate.billedSeconds(0)).isZero();
        assertThat(rate.billedSeconds(1)).isEqualTo(60);
        assertThat(rate.billedSeconds(60_000)).isEqualTo(60);
        assertThat(rate.billedSeconds(60_001)).isEqualTo(120);
        assertThat(rate.charge(120)).isEqualTo(24);
    }

    @Test
    void shouldBillTheFirstIncrementThenStepsAndNeverRoundMoneyDown() {
        Rate rate = new Rate("1", EUR, 6, 30, 6, 0);

        assertThat(rate.billedSeconds(29_000)).isEqualTo(30);
        assertThat(rate.billedSeconds(30_001)).isEqualTo(36);
        assertThat(rate.billedSeconds(42_000)).isEqualTo(42);
        assertThat(rate.charge(30)).isEqualTo(3);
        assertThat(rate.charge(36)).as("3.6 rounds up").isEqualTo(4);
        assertThat(new Rate("2", EUR, 7, 1, 1, 10).charge(1)).as("7/60 rounds up").isEqualTo(11);
    }

    @Test
    void shouldMakeStepPricesAddUpToTheChargeOfThePaidTime() {
        Rate rate = new Rate("1", EUR, 7, 30, 6, 3);
        long held = rate.charge(rate.firstIncrementSeconds());
        for (long step = 1; step <= 50; step++) {
            held += rate.charge(rate.paidSecondsAfter(step)) - rate.charge(rate.paidSecondsAfter(step - 1));
            assertThat(held).isEqualTo(rate.charge(rate.paidSecondsAfter(step)));
        }
    }
}
