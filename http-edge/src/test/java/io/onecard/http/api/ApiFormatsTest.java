package io.onecard.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.ledger.TransactionType;
import org.junit.jupiter.api.Test;

/** Ids, times and dates as the API spells them. */
class ApiFormatsTest {
    @Test
    void shouldReadBackTheIdsItWrites() {
        assertThat(ApiFormats.parseId(ApiFormats.authorizationId(42), ApiFormats.AUTHORIZATION_PREFIX)).isEqualTo(42);
        assertThat(ApiFormats.parseId(ApiFormats.transactionId(7), ApiFormats.TRANSACTION_PREFIX)).isEqualTo(7);
        assertThat(ApiFormats.parseId(ApiFormats.refundId(999_999_999_999_999_999L), ApiFormats.REFUND_PREFIX))
            .isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void shouldRefuseMalformedIds() {
        for (String text : new String[] {"auth_", "auth_0", "auth_01", "auth_1x", "tx_1", "auth_-1",
            "auth_1234567890123456789", "AUTH_1", "auth_ 1"}) {
            assertThat(ApiFormats.parseId(text, ApiFormats.AUTHORIZATION_PREFIX)).as(text).isZero();
        }
    }

    @Test
    void shouldSpellHistoryIdsAsTheOperationWasAnswered() {
        assertThat(ApiFormats.historyId(TransactionType.HOLD, 5)).isEqualTo("auth_5");
        assertThat(ApiFormats.historyId(TransactionType.EXPIRE, 5)).isEqualTo("auth_5");
        assertThat(ApiFormats.historyId(TransactionType.CALL, 5)).isEqualTo("tx_5");
        assertThat(ApiFormats.historyId(TransactionType.REFUND, 5)).isEqualTo("ref_5");
    }

    @Test
    void shouldWriteRfc3339UtcWithMillisecondsAndIsoDates() {
        assertThat(ApiFormats.timestamp(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(ApiFormats.timestamp(1_767_225_600_123L)).isEqualTo("2026-01-01T00:00:00.123Z");
        assertThat(ApiFormats.date(1)).isEqualTo("1970-01-02");
        assertThat(ApiFormats.parseDate("2099-12-31")).isEqualTo(47_481);
        assertThat(ApiFormats.parseDate("2099-02-30")).isEqualTo(-1);
        assertThat(ApiFormats.parseDate("31.12.2099")).isEqualTo(-1);
    }
}
