package io.onecard.http.api;

import static io.onecard.http.api.ApiFixture.ADMIN_KEY;
import static io.onecard.http.api.ApiFixture.GATEWAY_KEY;
import static io.onecard.http.api.ApiFixture.errorCode;
import static io.onecard.http.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of the settlement API, its fields, roles and status codes, against a real server and core. */
class SettlementApiTest {
    @TempDir
    static Path dataDir;

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(dataDir, config -> config.withFailedAttempts(1_000, Duration.ofMinutes(1), 1_000));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void shouldIssueCardWithChosenPinAndShowItOnce() {
        HttpResponse<String> response = api.post("/v1/cards", ADMIN_KEY,
            "{\"amount\":5000,\"currency\":\"EUR\",\"pin\":\"4321\",\"expires_on\":\"2099-12-31\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode card = json(response);
        assertThat(card.get("card_number").asText()).matches("[0-9]{16}");
        assertThat(card.get("pin").asText()).isEqualTo("4321");
        assertThat(card.get("status").asText()).isEqualTo("active");
        assertThat(card.get("currency").asText()).isEqualTo("EUR");
        assertThat(card.get("balance").asLong()).isEqualTo(5000);
        assertThat(card.get("held").asLong()).isZero();
        assertThat(card.get("available").asLong()).isEqualTo(5000);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");

        JsonNode shown = api.card(card.get("card_number").asText());
        assertThat(shown.has("pin")).isFalse();
        assertThat(shown.get("expires_on").asText()).isEqualTo("2099-12-31");
    }

    @Test
    void shouldKeepTheOwnersAddressOfAnIssuedCardAndRefuseABadOne() {
        HttpResponse<String> owned = api.post("/v1/cards", ADMIN_KEY,
            "{\"amount\":100,\"currency\":\"EUR\",\"owner_email\":\"ann@example.org\"}");
        assertThat(owned.statusCode()).isEqualTo(201);
        long card = Long.parseLong(json(owned).get("card_number").asText());
        assertThat(api.core.ownerEmail(card)).isEqualTo("ann@example.org");

        HttpResponse<String> refused = api.post("/v1/cards", ADMIN_KEY,
            "{\"amount\":100,\"currency\":\"EUR\",\"owner_email\":\"ann@example.org, eve@example.org\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorCode(refused)).isEqualTo("invalid_request");
        assertThat(json(refused).get("error").get("message").asText()).contains("owner_email");
    }

    @Test
    void shouldGenerateSixDigitPinThatPaysWhenNoneIsGiven() {
        HttpResponse<String> response = api.post("/v1/cards", ADMIN_KEY, "{\"amount\":0,\"currency\":\"USD\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode card = json(response);
        String pin = card.get("pin").asText();
        assertThat(pin).matches("[0-9]{6}");
        assertThat(card.get("balance").asLong()).isZero();
        String number = card.get("card_number").asText();
        assertThat(api.post("/v1/cards/" + number + "/recharges", GATEWAY_KEY,
            "{\"amount\":700,\"currency\":\"USD\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> debit = api.post("/v1/debits", GATEWAY_KEY, "{\"card_number\":\"" + number
            + "\",\"pin\":\"" + pin + "\",\"amount\":200,\"currency\":\"USD\"}");
        assertThat(debit.statusCode()).isEqualTo(201);
        assertThat(json(debit).get("balance").asLong()).isEqualTo(500);
    }

    @Test
    void shouldLetOnlyTheAdminIssueBlockUnblockAndClose() {
        String card = api.issueCard(100, "1234");

        assertThat(api.post("/v1/cards", GATEWAY_KEY, "{\"amount\":1,\"currency\":\"EUR\"}").statusCode())
            .isEqualTo(403);
        for (String action : List.of("block", "unblock", "close")) {
            HttpResponse<String> response = api.post("/v1/cards/" + card + "/" + action, GATEWAY_KEY, "");
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(errorCode(response)).isEqualTo("forbidden");
        }
        assertThat(api.card(card).get("status").asText()).isEqualTo("active");
    }

    @Test
    void shouldRefuseMissingOrWrongKeyWith401() {
        HttpResponse<String> none = api.get("/v1/cards/" + api.issueCard(1, "1234"), null);
        HttpResponse<String> wrong = api.post("/v1/debits", "not-a-key-at-all-0000", "{}");
        HttpResponse<String> basic = api.send(api.request("/v1/cards/4000000000000002", null)
            .header("Authorization", "Basic " + ADMIN_KEY).GET().build());

        for (HttpResponse<String> response : List.of(none, wrong, basic)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(errorCode(response)).isEqualTo("unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void shouldShowCardToAdminAndToGatewayWithPin() {
        String card = api.issueCard(900, "5555");

        JsonNode admin = api.card(card);
        HttpResponse<String> gateway = api.getWithPin("/v1/cards/" + card, GATEWAY_KEY, "5555");

        assertThat(admin.get("card_number").asText()).isEqualTo(card);
        assertThat(admin.get("status").asText()).isEqualTo("active");
        assertThat(admin.get("currency").asText()).isEqualTo("EUR");
        assertThat(admin.get("balance").asLong()).isEqualTo(900);
        assertThat(admin.get("held").asLong()).isZero();
        assertThat(admin.get("available").asLong()).isEqualTo(900);
        assertThat(admin.get("expires_on").isNull()).isTrue();
        assertThat(gateway.statusCode()).isEqualTo(200);
        assertThat(json(gateway)).isEqualTo(admin);
    }

    @Test
    void shouldRequirePinFromGatewayForCardAndHistory() {
        String card = api.issueCard(900, "5555");

        assertThat(api.get("/v1/cards/" + card, GATEWAY_KEY).statusCode()).isEqualTo(400);
        assertThat(api.get("/v1/cards/" + card + "/transactions", GATEWAY_KEY).statusCode()).isEqualTo(400);
        HttpResponse<String> wrongPin = api.getWithPin("/v1/cards/" + card, GATEWAY_KEY, "5556");
        assertThat(wrongPin.statusCode()).isEqualTo(402);
        assertThat(errorCode(wrongPin)).isEqualTo("card_declined");
    }

    @Test
    void shouldAnswerUnknownCardToAdminWith404AndBadNumberWith400() {
        HttpResponse<String> unknown = api.get("/v1/cards/4000000000000002", ADMIN_KEY);
        HttpResponse<String> badLuhn = api.get("/v1/cards/4000000000000003", ADMIN_KEY);
        HttpResponse<String> letters = api.get("/v1/cards/40000000000000ab", ADMIN_KEY);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("not_found");
        assertThat(badLuhn.statusCode()).isEqualTo(400);
        assertThat(errorCode(letters)).isEqualTo("invalid_request");
    }

    @Test
    void shouldRechargeAndRefuseOtherCurrencyWith422() {
        String card = api.issueCard(1000, "1234");

        HttpResponse<String> recharge = api.post("/v1/cards/" + card + "/recharges", GATEWAY_KEY,
            "{\"amount\":250,\"currency\":\"EUR\",\"reference\":\"shop 42\"}");
        HttpResponse<String> mismatch = api.post("/v1/cards/" + card + "/recharges", ADMIN_KEY,
            "{\"amount\":250,\"currency\":\"USD\"}");

        assertThat(recharge.statusCode()).isEqualTo(201);
        JsonNode body = json(recharge);
        assertThat(body.get("transaction_id").asText()).matches("tx_[1-9][0-9]*");
        assertThat(body.get("balance").asLong()).isEqualTo(1250);
        assertThat(body.get("available").asLong()).isEqualTo(1250);
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(errorCode(mismatch)).isEqualTo("currency_mismatch");
        assertThat(api.balance(card)).isEqualTo(1250);
    }

    @Test
    void shouldBlockUnblockAndClose() {
        String card = api.issueCard(100, "1234");

        HttpResponse<String> blocked = api.post("/v1/cards/" + card + "/block", ADMIN_KEY, "");
        assertThat(blocked.statusCode()).isEqualTo(200);
        assertThat(json(blocked).get("card_number").asText()).isEqualTo(card);
        assertThat(json(blocked).get("status").asText()).isEqualTo("blocked");
        assertThat(debit(card, "1234", 10).statusCode()).isEqualTo(402);

        HttpResponse<String> unblocked = api.post("/v1/cards/" + card + "/unblock", ADMIN_KEY, "{}");
        assertThat(json(unblocked).get("status").asText()).isEqualTo("active");
        assertThat(debit(card, "1234", 10).statusCode()).isEqualTo(201);

        HttpResponse<String> closed = api.post("/v1/cards/" + card + "/close", ADMIN_KEY, "");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(json(closed).get("status").asText()).isEqualTo("closed");
        HttpResponse<String> again = api.post("/v1/cards/" + card + "/block", ADMIN_KEY, "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(errorCode(again)).isEqualTo("invalid_state");
    }

    @Test
    void shouldRefuseToCloseCardWithOpenHold() {
        String card = api.issueCard(100, "1234");
        assertThat(authorize(card, "1234", 40).statusCode()).isEqualTo(201);

        HttpResponse<String> close = api.post("/v1/cards/" + card + "/close", ADMIN_KEY, "");

        assertThat(close.statusCode()).isEqualTo(409);
        assertThat(errorCode(close)).isEqualTo("invalid_state");
    }

    @Test
    void shouldDeclineUnknownWrongPinLockedBlockedClosedAndExpiredWithOneIdenticalBody() {
        String wrongPinCard = api.issueCard(100, "1234");
        String lockedCard = api.issueCard(100, "1234");
        String blockedCard = api.issueCard(100, "1234");
        String closedCard = api.issueCard(100, "1234");
        String expiredCard = json(api.post("/v1/cards", ADMIN_KEY,
            "{\"amount\":100,\"currency\":\"EUR\",\"pin\":\"1234\",\"expires_on\":\"2001-01-01\"}"))
            .get("card_number").asText();
        api.post("/v1/cards/" + blockedCard + "/block", ADMIN_KEY, "");
        api.post("/v1/cards/" + closedCard + "/close", ADMIN_KEY, "");
        for (int i = 0; i < 5; i++) {
            assertThat(debit(lockedCard, "0000", 10).statusCode()).isEqualTo(402);
        }

        List<HttpResponse<String>> answers = List.of(debit("4000000000000002", "1234", 10),
            debit(wrongPinCard, "9999", 10), debit(lockedCard, "1234", 10), debit(blockedCard, "1234", 10),
            debit(closedCard, "1234", 10), debit(expiredCard, "1234", 10));

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(402);
            assertThat(answer.body()).isEqualTo(answers.get(0).body());
        }
        assertThat(errorCode(answers.get(0))).isEqualTo("card_declined");
        assertThat(api.card(expiredCard).get("status").asText()).isEqualTo("expired");
        assertThat(api.balance(lockedCard)).isEqualTo(100);
    }

    @Test
    void shouldTellInsufficientFundsOnlyAfterCardAndPinWereAccepted() {
        String card = api.issueCard(100, "1234");

        HttpResponse<String> debit = debit(card, "1234", 101);
        HttpResponse<String> authorization = authorize(card, "1234", 101);

        assertThat(debit.statusCode()).isEqualTo(402);
        assertThat(errorCode(debit)).isEqualTo("insufficient_funds");
        assertThat(errorCode(authorization)).isEqualTo("insufficient_funds");
        assertThat(api.balance(card)).isEqualTo(100);
    }

    @Test
    void shouldAuthorizeThenCapturePartlyAndReleaseTheRest() {
        String card = api.issueCard(1000, "1234");

        HttpResponse<String> held = api.post("/v1/authorizations", GATEWAY_KEY, "{\"card_number\":\"" + card
            + "\",\"pin\":\"1234\",\"amount\":600,\"currency\":\"EUR\",\"description\":\"order 7\","
            + "\"expires_in_seconds\":3600}");
        assertThat(held.statusCode()).isEqualTo(201);
        JsonNode hold = json(held);
        String id = hold.get("authorization_id").asText();
        assertThat(id).matches("auth_[1-9][0-9]*");
        assertThat(hold.get("status").asText()).isEqualTo("held");
        assertThat(hold.get("amount").asLong()).isEqualTo(600);
        assertThat(hold.get("expires_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(hold.get("available").asLong()).isEqualTo(400);
        assertThat(api.card(card).get("held").asLong()).isEqualTo(600);

        HttpResponse<String> captured = api.post("/v1/authorizations/" + id + "/capture", GATEWAY_KEY,
            "{\"amount\":450}");
        assertThat(captured.statusCode()).isEqualTo(200);
        JsonNode capture = json(captured);
        assertThat(capture.get("authorization_id").asText()).isEqualTo(id);
        assertThat(capture.get("status").asText()).isEqualTo("captured");
        assertThat(capture.get("captured").asLong()).isEqualTo(450);
        assertThat(capture.get("released").asLong()).isEqualTo(150);
        assertThat(capture.get("transaction_id").asText()).matches("tx_[1-9][0-9]*");
        assertThat(capture.get("balance").asLong()).isEqualTo(550);
        assertThat(capture.get("available").asLong()).isEqualTo(550);
    }

    @Test
    void shouldCaptureEverythingWhenNoAmountIsGiven() {
        String card = api.issueCard(1000, "1234");
        String id = json(authorize(card, "1234", 300)).get("authorization_id").asText();

        HttpResponse<String> captured = api.post("/v1/authorizations/" + id + "/capture", GATEWAY_KEY, "");

        assertThat(captured.statusCode()).isEqualTo(200);
        assertThat(json(captured).get("captured").asLong()).isEqualTo(300);
        assertThat(json(captured).get("released").asLong()).isZero();
        assertThat(api.balance(card)).isEqualTo(700);
    }

    @Test
    void shouldVoidAndRefuseCaptureAfterVoid() {
        String card = api.issueCard(1000, "1234");
        String id = json(authorize(card, "1234", 300)).get("authorization_id").asText();

        HttpResponse<String> voided = api.post("/v1/authorizations/" + id + "/void", GATEWAY_KEY, "");
        HttpResponse<String> capture = api.post("/v1/authorizations/" + id + "/capture", GATEWAY_KEY, "");

        assertThat(voided.statusCode()).isEqualTo(200);
        assertThat(json(voided).get("authorization_id").asText()).isEqualTo(id);
        assertThat(json(voided).get("status").asText()).isEqualTo("voided");
        assertThat(json(voided).get("released").asLong()).isEqualTo(300);
        assertThat(json(voided).get("available").asLong()).isEqualTo(1000);
        assertThat(capture.statusCode()).isEqualTo(409);
        assertThat(errorCode(capture)).isEqualTo("invalid_state");
        assertThat(api.balance(card)).isEqualTo(1000);
    }

    @Test
    void shouldRefuseCaptureOfExpiredHold() throws InterruptedException {
        String card = api.issueCard(1000, "1234");
        String id = json(api.post("/v1/authorizations", GATEWAY_KEY, "{\"card_number\":\"" + card
            + "\",\"pin\":\"1234\",\"amount\":300,\"currency\":\"EUR\",\"expires_in_seconds\":1}"))
            .get("authorization_id").asText();
        Thread.sleep(1_500);

        HttpResponse<String> capture = api.post("/v1/authorizations/" + id + "/capture", GATEWAY_KEY, "");

        assertThat(capture.statusCode()).isEqualTo(409);
        assertThat(errorCode(capture)).isEqualTo("invalid_state");
        assertThat(api.balance(card)).isEqualTo(1000);
    }

    @Test
    void shouldAnswerUnknownAuthorizationAndTransactionWith404() {
        HttpResponse<String> capture = api.post("/v1/authorizations/auth_987654321/capture", GATEWAY_KEY, "");
        HttpResponse<String> malformed = api.post("/v1/authorizations/tx_1/void", GATEWAY_KEY, "");
        HttpResponse<String> refund = api.post("/v1/refunds", GATEWAY_KEY,
            "{\"transaction_id\":\"tx_987654321\",\"amount\":1}");

        assertThat(capture.statusCode()).isEqualTo(404);
        assertThat(errorCode(capture)).isEqualTo("not_found");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(refund.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldDebitAndRefundUpToWhatWasCharged() {
        String card = api.issueCard(1000, "1234");
        HttpResponse<String> debit = debit(card, "1234", 400);
        assertThat(debit.statusCode()).isEqualTo(201);
        JsonNode charge = json(debit);
        assertThat(charge.get("transaction_id").asText()).matches("tx_[1-9][0-9]*");
        assertThat(charge.get("balance").asLong()).isEqualTo(600);
        assertThat(charge.get("available").asLong()).isEqualTo(600);
        String transaction = charge.get("transaction_id").asText();

        HttpResponse<String> refund = api.post("/v1/refunds", GATEWAY_KEY,
            "{\"transaction_id\":\"" + transaction + "\",\"amount\":150}");
        HttpResponse<String> tooMuch = api.post("/v1/refunds", GATEWAY_KEY,
            "{\"transaction_id\":\"" + transaction + "\",\"amount\":251}");

        assertThat(refund.statusCode()).isEqualTo(201);
        JsonNode refunded = json(refund);
        assertThat(refunded.get("refund_id").asText()).matches("ref_[1-9][0-9]*");
        assertThat(refunded.get("transaction_id").asText()).isEqualTo(transaction);
        assertThat(refunded.get("amount").asLong()).isEqualTo(150);
        assertThat(refunded.get("balance").asLong()).isEqualTo(750);
        assertThat(refunded.get("available").asLong()).isEqualTo(750);
        assertThat(tooMuch.statusCode()).isEqualTo(409);
        assertThat(errorCode(tooMuch)).isEqualTo("invalid_state");
        assertThat(api.balance(card)).isEqualTo(750);
    }

    @Test
    void shouldListHistoryNewestFirstWithTheIdsTheApiReturned() {
        String card = api.issueCard(1000, "1234");
        String recharge = json(api.post("/v1/cards/" + card + "/recharges", ADMIN_KEY,
            "{\"amount\":100,\"currency\":\"EUR\",\"reference\":\"top-up\"}")).get("transaction_id").asText();
        String hold = json(authorize(card, "1234", 300)).get("authorization_id").asText();
        String capture = json(api.post("/v1/authorizations/" + hold + "/capture", GATEWAY_KEY,
            "{\"amount\":200}")).get("transaction_id").asText();
        String debit = json(debit(card, "1234", 50)).get("transaction_id").asText();
        String refund = json(api.post("/v1/refunds", GATEWAY_KEY,
            "{\"transaction_id\":\"" + debit + "\",\"amount\":20}")).get("refund_id").asText();

        HttpResponse<String> page = api.getWithPin("/v1/cards/" + card + "/transactions", GATEWAY_KEY, "1234");

        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode items = json(page).get("items");
        List<String> types = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        items.forEach(item -> {
            types.add(item.get("type").asText());
            ids.add(item.get("id").asText());
        });
        assertThat(types).containsExactly("refund", "debit", "release", "capture", "hold", "recharge", "issue");
        assertThat(ids.subList(0, 6)).containsExactly(refund, debit, hold, capture, hold, recharge);
        JsonNode newest = items.get(0);
        assertThat(newest.get("amount").asLong()).isEqualTo(20);
        assertThat(newest.get("balance_after").asLong()).isEqualTo(870);
        assertThat(newest.get("available_after").asLong()).isEqualTo(870);
        assertThat(newest.get("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(newest.get("channel").asText()).isEqualTo("web");
        assertThat(items.get(5).get("reference").asText()).isEqualTo("top-up");
        assertThat(items.get(5).get("channel").asText()).isEqualTo("admin");
        assertThat(json(page).get("next_cursor").isNull()).isTrue();
    }

    @Test
    void shouldPageHistoryWithLimitAndCursor() {
        String card = api.issueCard(1000, "1234");
        for (int i = 0; i < 4; i++) {
            assertThat(debit(card, "1234", 1).statusCode()).isEqualTo(201);
        }

        JsonNode first = json(api.get("/v1/cards/" + card + "/transactions?limit=3", ADMIN_KEY));
        String cursor = first.get("next_cursor").asText();
        JsonNode second = json(api.get("/v1/cards/" + card + "/transactions?limit=3&cursor=" + cursor, ADMIN_KEY));

        assertThat(first.get("items")).hasSize(3);
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.get("items").get(1).get("type").asText()).isEqualTo("issue");
        assertThat(second.get("next_cursor").isNull()).isTrue();
        assertThat(api.get("/v1/cards/" + card + "/transactions?limit=101", ADMIN_KEY).statusCode()).isEqualTo(400);
        assertThat(api.get("/v1/cards/" + card + "/transactions?limit=0", ADMIN_KEY).statusCode()).isEqualTo(400);
        assertThat(api.get("/v1/cards/" + card + "/transactions?page=2", ADMIN_KEY).statusCode()).isEqualTo(400);
        assertThat(api.get("/v1/cards/" + card + "/transactions?limit=2&limit=3", ADMIN_KEY).statusCode())
            .isEqualTo(400);
        assertThat(api.get("/v1/cards/" + card + "?limit=2", ADMIN_KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRequireIdempotencyKeyOnEveryMoneyMovingPost() {
        String card = api.issueCard(1000, "1234");
        List<String[]> posts = List.of(
            new String[] {"/v1/cards", "{\"amount\":1,\"currency\":\"EUR\"}"},
            new String[] {"/v1/cards/" + card + "/recharges", "{\"amount\":1,\"currency\":\"EUR\"}"},
            new String[] {"/v1/authorizations", spendBody(card, "1234", 1)},
            new String[] {"/v1/authorizations/auth_1/capture", ""},
            new String[] {"/v1/authorizations/auth_1/void", ""},
            new String[] {"/v1/debits", spendBody(card, "1234", 1)},
            new String[] {"/v1/refunds", "{\"transaction_id\":\"tx_1\",\"amount\":1}"});

        for (String[] post : posts) {
            HttpResponse<String> response = api.post(post[0], ADMIN_KEY, null, post[1]);
            assertThat(response.statusCode()).as(post[0]).isEqualTo(400);
            assertThat(json(response).path("error").path("message").asText()).contains("Idempotency-Key");
        }
        String tooLong = "k".repeat(129);
        assertThat(api.post("/v1/debits", GATEWAY_KEY, tooLong, spendBody(card, "1234", 1)).statusCode())
            .isEqualTo(400);
        assertThat(api.balance(card)).isEqualTo(1000);
    }

    @Test
    void shouldAnswerUnknownPathWith404AndWrongMethodWith405() {
        HttpResponse<String> unknown = api.get("/v2/cards", ADMIN_KEY);
        HttpResponse<String> method = api.get("/v1/debits", GATEWAY_KEY);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("not_found");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void shouldReportHealthyOnceRecovered() {
        HttpResponse<String> health = api.get("/healthz", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void shouldExposePrometheusMetricsByRouteAndStatus() {
        String card = api.issueCard(100, "1234");
        debit(card, "1234", 1);

        HttpResponse<String> metrics = api.get("/metrics", null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body())
            .contains("onecard_http_requests_seconds_count{route=\"/v1/debits\",status=\"201\"}")
            .contains("onecard_http_requests_seconds_bucket{route=\"/v1/debits\",status=\"201\",le=")
            .contains("onecard_ring_occupancy")
            .contains("onecard_ring_capacity")
            .contains("onecard_ring_overloaded_total")
            .contains("onecard_http_overloaded_total")
            .doesNotContain(card);
    }

    private static HttpResponse<String> debit(String card, String pin, long amount) {
        return api.post("/v1/debits", GATEWAY_KEY, spendBody(card, pin, amount));
    }

    private static HttpResponse<String> authorize(String card, String pin, long amount) {
        return api.post("/v1/authorizations", GATEWAY_KEY, spendBody(card, pin, amount));
    }

    static String spendBody(String card, String pin, long amount) {
        return "{\"card_number\":\"" + card + "\",\"pin\":\"" + pin + "\",\"amount\":" + amount
            + ",\"currency\":\"EUR\"}";
    }
}
