package io.onecard.http.api;

import static io.onecard.http.api.ApiFixture.GATEWAY_KEY;
import static io.onecard.http.api.ApiFixture.errorCode;
import static io.onecard.http.api.ApiFixture.json;
import static io.onecard.http.api.SettlementApiTest.spendBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many gateways spending one card at the same moment never overdraw it, and every cent is accounted for. */
class ConcurrentSettlementTest {
    private static final int THREADS = 64;
    private static final int OPERATIONS_PER_THREAD = 30;
    private static final long INITIAL_BALANCE = 15_000;

    @TempDir
    Path dataDir;

    @Test
    void shouldNeverOverdrawOneCardUnderSixtyFourConcurrentSpenders() throws Exception {
        try (ApiFixture api = ApiFixture.start(dataDir)) {
            String card = api.issueCard(INITIAL_BALANCE, "2468");
            AtomicLong debited = new AtomicLong();
            AtomicLong captured = new AtomicLong();
            AtomicLong declinedForFunds = new AtomicLong();
            ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> spenders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(t);
                spenders.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
                        long amount = 1 + random.nextInt(40);
                        if (random.nextBoolean()) {
                            debit(api, card, amount, debited, declinedForFunds, anomalies);
                        } else {
                            authorizeAndSettle(api, card, amount, random.nextBoolean(), captured, declinedForFunds,
                                anomalies);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> spender : spenders) {
                spender.get(4, TimeUnit.MINUTES);
            }
            pool.shutdown();

            JsonNode after = api.card(card);
            assertThat(anomalies).isEmpty();
            assertThat(declinedForFunds.get()).as("the card must run dry for the test to mean anything")
                .isPositive();
            assertThat(after.get("held").asLong()).isZero();
            assertThat(after.get("balance").asLong()).isGreaterThanOrEqualTo(0)
                .isEqualTo(INITIAL_BALANCE - debited.get() - captured.get());
        }
    }

    private static void debit(ApiFixture api, String card, long amount, AtomicLong debited, AtomicLong declined,
                              ConcurrentLinkedQueue<String> anomalies) {
        HttpResponse<String> response = api.post("/v1/debits", GATEWAY_KEY, spendBody(card, "2468", amount));
        if (response.statusCode() == 201) {
            debited.addAndGet(amount);
            checkNonNegative(json(response), anomalies);
        } else {
            countRefusal(response, declined, anomalies);
        }
    }

    private static void authorizeAndSettle(ApiFixture api, String card, long amount, boolean capture,
                                           AtomicLong captured, AtomicLong declined,
                                           ConcurrentLinkedQueue<String> anomalies) {
        HttpResponse<String> held = api.post("/v1/authorizations", GATEWAY_KEY, spendBody(card, "2468", amount));
        if (held.statusCode() != 201) {
            countRefusal(held, declined, anomalies);
            return;
        }
        checkNonNegative(json(held), anomalies);
        String id = json(held).get("authorization_id").asText();
        if (capture) {
            long part = Math.max(1, amount / 2);
            HttpResponse<String> done = api.post("/v1/authorizations/" + id + "/capture", GATEWAY_KEY,
                "{\"amount\":" + part + "}");
            if (done.statusCode() == 200 && json(done).get("captured").asLong() == part) {
                captured.addAndGet(part);
                checkNonNegative(json(done), anomalies);
            } else {
                anomalies.add("capture: " + done.statusCode() + " " + done.body());
            }
        } else {
            HttpResponse<String> done = api.post("/v1/authorizations/" + id + "/void", GATEWAY_KEY, "");
            if (done.statusCode() != 200) {
                anomalies.add("void: " + done.statusCode() + " " + done.body());
            }
        }
    }

    private static void countRefusal(HttpResponse<String> response, AtomicLong declined,
                                     ConcurrentLinkedQueue<String> anomalies) {
        if (response.statusCode() == 402 && "insufficient_funds".equals(errorCode(response))) {
            declined.incrementAndGet();
        } else {
            anomalies.add(response.statusCode() + " " + response.body());
        }
    }

    private static void checkNonNegative(JsonNode body, ConcurrentLinkedQueue<String> anomalies) {
        if (body.path("available").asLong() < 0 || body.path("balance").asLong(0) < 0) {
            anomalies.add("negative: " + body);
        }
    }
}
