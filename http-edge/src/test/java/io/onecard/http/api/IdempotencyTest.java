package io.onecard.http.api;

import static io.onecard.http.api.ApiFixture.ADMIN_KEY;
import static io.onecard.http.api.ApiFixture.GATEWAY_KEY;
import static io.onecard.http.api.ApiFixture.errorCode;
import static io.onecard.http.api.ApiFixture.json;
import static io.onecard.http.api.SettlementApiTest.spendBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repeated Idempotency-Key returns the first response byte for byte; another body under it is 409. */
class IdempotencyTest {
    @TempDir
    static Path dataDir;

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(dataDir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void shouldReplayDebitByteForByteAndChargeOnce() throws IOException {
        String card = api.issueCard(1000, "1234");
        String request = RawHttp.request("POST", "/v1/debits", GATEWAY_KEY, "debit-1", spendBody(card, "1234", 300));

        byte[] first = exchange(request);
        byte[] second = exchange(request);

        assertThat(RawHttp.status(first)).isEqualTo(201);
        assertThat(second).isEqualTo(first);
        assertThat(api.balance(card)).isEqualTo(700);
    }

    @Test
    void shouldReplayIssueWithTheSameGeneratedPin() throws IOException {
        String request = RawHttp.request("POST", "/v1/cards", ADMIN_KEY, "issue-1",
            "{\"amount\":2500,\"currency\":\"GBP\"}");

        byte[] first = exchange(request);
        byte[] second = exchange(request);

        assertThat(RawHttp.status(first)).isEqualTo(201);
        assertThat(RawHttp.body(first)).contains("\"pin\":\"");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldReplayIssueWithChosenPin() throws IOException {
        String request = RawHttp.request("POST", "/v1/cards", ADMIN_KEY, "issue-2",
            "{\"amount\":2500,\"currency\":\"GBP\",\"pin\":\"8642\"}");

        byte[] first = exchange(request);
        byte[] second = exchange(request);

        assertThat(RawHttp.body(first)).contains("\"pin\":\"8642\"");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldReplayFirstFailureEvenAfterFundsArrive() throws IOException {
        String card = api.issueCard(100, "1234");
        String request = RawHttp.request("POST", "/v1/debits", GATEWAY_KEY, "debit-2", spendBody(card, "1234", 500));

        byte[] first = exchange(request);
        api.post("/v1/cards/" + card + "/recharges", ADMIN_KEY, "{\"amount\":1000,\"currency\":\"EUR\"}");
        byte[] second = exchange(request);

        assertThat(RawHttp.status(first)).isEqualTo(402);
        assertThat(RawHttp.body(first)).contains("insufficient_funds");
        assertThat(second).isEqualTo(first);
        assertThat(api.balance(card)).isEqualTo(1100);
    }

    @Test
    void shouldReplayAuthorizationCaptureVoidAndRefund() throws IOException {
        String card = api.issueCard(1000, "1234");
        String authorize = RawHttp.request("POST", "/v1/authorizations", GATEWAY_KEY, "auth-1",
            spendBody(card, "1234", 400));
        byte[] held = exchange(authorize);
        String id = json(RawHttp.body(held)).get("authorization_id").asText();
        String capture = RawHttp.request("POST", "/v1/authorizations/" + id + "/capture", GATEWAY_KEY, "cap-1",
            "{\"amount\":300}");
        byte[] captured = exchange(capture);
        String transaction = json(RawHttp.body(captured)).get("transaction_id").asText();
        String refund = RawHttp.request("POST", "/v1/refunds", GATEWAY_KEY, "ref-1",
            "{\"transaction_id\":\"" + transaction + "\",\"amount\":100}");
        byte[] refunded = exchange(refund);
        String otherHold = json(RawHttp.body(exchange(RawHttp.request("POST", "/v1/authorizations", GATEWAY_KEY,
            "auth-2", spendBody(card, "1234", 50))))).get("authorization_id").asText();
        String voidRequest = RawHttp.request("POST", "/v1/authorizations/" + otherHold + "/void", GATEWAY_KEY,
            "void-1", "");
        byte[] voided = exchange(voidRequest);

        assertThat(exchange(authorize)).isEqualTo(held);
        assertThat(exchange(capture)).isEqualTo(captured);
        assertThat(exchange(refund)).isEqualTo(refunded);
        assertThat(exchange(voidRequest)).isEqualTo(voided);
        assertThat(RawHttp.status(voided)).isEqualTo(200);
        assertThat(api.card(card).get("balance").asLong()).isEqualTo(800);
        assertThat(api.card(card).get("held").asLong()).isZero();
    }

    @Test
    void shouldAnswerSameKeyWithAnotherBodyWith409() {
        String card = api.issueCard(1000, "1234");
        String key = UUID.randomUUID().toString();
        assertThat(api.post("/v1/debits", GATEWAY_KEY, key, spendBody(card, "1234", 100)).statusCode())
            .isEqualTo(201);

        HttpResponse<String> otherAmount = api.post("/v1/debits", GATEWAY_KEY, key, spendBody(card, "1234", 101));
        HttpResponse<String> otherDescription = api.post("/v1/debits", GATEWAY_KEY, key,
            "{\"card_number\":\"" + card + "\",\"pin\":\"1234\",\"amount\":100,\"currency\":\"EUR\","
                + "\"description\":\"another\"}");
        HttpResponse<String> otherRoute = api.post("/v1/authorizations", GATEWAY_KEY, key,
            spendBody(card, "1234", 100));

        for (HttpResponse<String> response : List.of(otherAmount, otherDescription, otherRoute)) {
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(errorCode(response)).isEqualTo("idempotency_conflict");
        }
        assertThat(api.card(card).get("balance").asLong()).isEqualTo(900);
        assertThat(api.card(card).get("held").asLong()).isZero();
    }

    @Test
    void shouldKeepAdminAndGatewayKeysApart() {
        String card = api.issueCard(1000, "1234");
        String key = UUID.randomUUID().toString();

        HttpResponse<String> gateway = api.post("/v1/debits", GATEWAY_KEY, key, spendBody(card, "1234", 100));
        HttpResponse<String> admin = api.post("/v1/debits", ADMIN_KEY, key, spendBody(card, "1234", 200));

        assertThat(gateway.statusCode()).isEqualTo(201);
        assertThat(admin.statusCode()).isEqualTo(201);
        assertThat(api.balance(card)).isEqualTo(700);
    }

    private static byte[] exchange(String request) throws IOException {
        try (RawHttp raw = new RawHttp(api.port, 10_000)) {
            raw.send(request);
            return raw.readResponse();
        }
    }
}
