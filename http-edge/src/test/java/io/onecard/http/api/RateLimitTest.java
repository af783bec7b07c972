package io.onecard.http.api;

import static io.onecard.http.api.ApiFixture.GATEWAY_KEY;
import static io.onecard.http.api.ApiFixture.errorCode;
import static io.onecard.http.api.SettlementApiTest.spendBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed card or PIN attempts from one client address are answered 429 past the limit. */
class RateLimitTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldRefuseClientWith429AfterTooManyFailedCardOrPinAttempts() {
        try (ApiFixture api = ApiFixture.start(dataDir,
                config -> config.withFailedAttempts(3, Duration.ofMinutes(5), 1_000))) {
            String first = api.issueCard(1000, "1234");
            String second = api.issueCard(1000, "1234");
            assertThat(debit(api, first, "0000").statusCode()).isEqualTo(402);
            assertThat(debit(api, second, "0000").statusCode()).isEqualTo(402);
            assertThat(api.getWithPin("/v1/cards/" + first, GATEWAY_KEY, "9999").statusCode()).isEqualTo(402);

            HttpResponse<String> rightPin = debit(api, first, "1234");
            HttpResponse<String> query = api.getWithPin("/v1/cards/" + second, GATEWAY_KEY, "1234");
            HttpResponse<String> capture = api.post("/v1/authorizations/auth_99999/capture", GATEWAY_KEY, "");

            assertThat(rightPin.statusCode()).isEqualTo(429);
            assertThat(errorCode(rightPin)).isEqualTo("rate_limited");
            assertThat(query.statusCode()).isEqualTo(429);
            assertThat(capture.statusCode()).as("routes that name no card stay open").isEqualTo(404);
            assertThat(api.get("/healthz", null).statusCode()).isEqualTo(200);
            assertThat(api.balance(first)).as("the refused debit changed nothing; the admin is not limited")
                .isEqualTo(1000);
        }
    }

    @Test
    void shouldNotCountSuccessesOrInsufficientFunds() {
        try (ApiFixture api = ApiFixture.start(dataDir,
                config -> config.withFailedAttempts(2, Duration.ofMinutes(5), 1_000))) {
            String card = api.issueCard(10, "1234");
            for (int i = 0; i < 5; i++) {
                assertThat(debit(api, card, "1234", 1).statusCode()).isEqualTo(201);
                assertThat(debit(api, card, "1234", 1_000).statusCode()).isEqualTo(402);
            }

            assertThat(debit(api, card, "1234", 1).statusCode()).isEqualTo(201);
        }
    }

    private static HttpResponse<String> debit(ApiFixture api, String card, String pin) {
        return debit(api, card, pin, 10);
    }

    private static HttpResponse<String> debit(ApiFixture api, String card, String pin, long amount) {
        return api.post("/v1/debits", GATEWAY_KEY, spendBody(card, pin, amount));
    }
}
