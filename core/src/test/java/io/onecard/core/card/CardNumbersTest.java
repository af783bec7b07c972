package io.onecard.core.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CardNumbersTest {
    @Test
    void shouldDrawSixteenDigitNumbersWithThePrefixAndAValidCheckDigit() {
        CardNumbers numbers = new CardNumbers("912345", new SecureRandom());
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            long number = numbers.draw();
            String digits = CardNumbers.format(number);
            assertThat(digits).hasSize(16).startsWith("912345");
            assertThat(CardNumbers.parse(digits)).isEqualTo(number);
            seen.add(number);
        }
        assertThat(seen).hasSizeGreaterThan(990);
    }

    @Test
    void shouldRefuseBadFormatsAndBadCheckDigits() {
        assertThat(CardNumbers.parse("4242424242424242")).isEqualTo(4242424242424242L);
        assertThat(CardNumbers.parse("4242424242424241")).isEqualTo(CardNumbers.NONE);
        assertThat(CardNumbers.parse("424242424242424")).isEqualTo(CardNumbers.NONE);
        assertThat(CardNumbers.parse("42424242424242420")).isEqualTo(CardNumbers.NONE);
        assertThat(CardNumbers.parse("4242-42424242424")).isEqualTo(CardNumbers.NONE);
        assertThat(CardNumbers.parse("０２４２４２４２４２４２４２４２")).isEqualTo(CardNumbers.NONE);
        assertThat(CardNumbers.parse("0000000000000000")).isEqualTo(CardNumbers.NONE);
        assertThat(CardNumbers.parse(null)).isEqualTo(CardNumbers.NONE);
        assertThatThrownBy(() -> new CardNumbers("0123", new SecureRandom()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMaskAllButTheFirstSixAndLastFourDigits() {
        assertThat(CardNumbers.mask(4242424242424242L)).isEqualTo("424242******4242");
    }

    @Test
    void shouldPackOnlyKnownCurrencies() {
        assertThat(Currencies.format(Currencies.parse("EUR"))).isEqualTo("EUR");
        assertThat(Currencies.parse("eur")).isEqualTo(Currencies.NONE);
        assertThat(Currencies.parse("XYZ")).isEqualTo(Currencies.NONE);
        assertThat(Currencies.parse("EURO")).isEqualTo(Currencies.NONE);
    }
}
