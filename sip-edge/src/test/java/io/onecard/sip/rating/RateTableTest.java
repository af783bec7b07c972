package io.onecard.sip.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onecard.core.card.Currencies;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateTableTest {
    private static final int EUR = Currencies.parse("EUR");
    private static final int GBP = Currencies.parse("GBP");

    @Test
    void shouldPickTheLongestPrefixInTheCardsCurrency() throws IOException {
        RateTable table = parse("""
            # comment
            prefix,currency,price_per_minute,first_increment_seconds,increment_seconds,connect_fee
            44,EUR,12,60,60,0
            447,EUR,30,60,60,5

            447,GBP,25,60,60,0
            """);

        assertThat(table.lookup("447700900123", EUR)).map(Rate::pricePerMinuteMinor).contains(30L);
        assertThat(table.lookup("442071234567", EUR)).map(Rate::pricePerMinuteMinor).contains(12L);
        assertThat(table.lookup("447700900123", GBP)).map(Rate::pricePerMinuteMinor).contains(25L);
        assertThat(table.lookup("442071234567", GBP)).isEmpty();
        assertThat(table.lookup("33123", EUR)).isEmpty();
        assertThat(table.lookup("44abc", EUR)).isEmpty();
        assertThat(table.lookup("4".repeat(RateTable.MAX_DIALLED_DIGITS + 1), EUR)).isEmpty();
    }

    @Test
    void shouldAcceptATableWithoutHeader() throws IOException {
        assertThat(parse("1,EUR,6,30,6,0\n").size()).isEqualTo(1);
    }

    @Test
    void shouldRefuseBadRowsWithTheirLineNumber() {
        assertRefused("44,EUR,12,60,60,0\n44,EUR,1.5,60,60,0\n", "line 2", "price_per_minute");
        assertRefused("# c\n44,QQQ,12,60,60,0\n", "line 2", "currency");
        assertRefused("44,EUR,12,60,60\n", "line 1", "6 fields");
        assertRefused("44,EUR,12,0,60,0\n", "line 1", "first_increment_seconds");
        assertRefused("44,EUR,-1,60,60,0\n", "line 1", "price_per_minute");
        assertRefused("4a,EUR,12,60,60,0\n", "line 1", "prefix");
        assertRefused("44,EUR,12,60,60,0\n44,EUR,13,60,60,0\n", "line 2", "line 1");
        assertRefused("44,EUR,99999999999999,60,60,0\n", "line 1", "price_per_minute");
    }

    @Test
    void shouldLoadAFileAndTheBuiltInDemoTable(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rates.csv");
        Files.writeString(file, "49,EUR,10,60,60,0\n");

        assertThat(RateTable.load(file).lookup("4930123", EUR)).isPresent();
        assertThat(RateTable.demo().lookup("442071234567", EUR)).isPresent();
    }

    private static void assertRefused(String csv, String... fragments) {
        assertThatThrownBy(() -> parse(csv)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContainingAll(fragments);
    }

    private static RateTable parse(String csv) throws IOException {
        return RateTable.parse(new StringReader(csv), "rates.csv");
    }
}
