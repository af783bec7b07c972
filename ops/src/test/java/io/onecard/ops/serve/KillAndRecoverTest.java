package io.onecard.ops.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.ops.cli.ExitCodes;
import io.onecard.ops.testing.ChildMain;
import io.onecard.ops.testing.Cli;
import io.onecard.ops.testing.Processes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server in a child JVM under HTTP load (debits and authorizations on shared cards), killed with
 * SIGKILL five times at random moments. After each restart every request is sent again with its idempotency
 * key: an acknowledged one must get its first answer byte for byte, and every card's balance and held amount
 * must count each request exactly once. At the end the audit finds nothing.
 */
class KillAndRecoverTest {
    private static final String ADMIN_KEY = "admin-key-for-the-crash-test-0123";
    private static final String GATEWAY_KEY = "gateway-key-for-the-crash-test-0123";
    private static final Pattern DEMO_CARD = Pattern.compile("^  ([0-9]{16})  PIN ([0-9]{6})  50\\.00 EUR$",
        Pattern.MULTILINE);
    private static final Pattern HTTP_API = Pattern.compile("^  HTTP API +(http://\\S+)$", Pattern.MULTILINE);
    private static final int KILLS = 5;
    private static final int LOAD_THREADS = 4;
    private static final long CARD_VALUE_MINOR = 5_000;

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One request as sent, and its first answer if one arrived before the kill. */
    private record Sent(String path, String key, String body, long card, long amount, boolean debit,
                        Answer first) {
    }

    private record Answer(int status, String body) {
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void shouldLoseNothingAcknowledgedAndApplyNothingTwiceAcrossKills() throws Exception {
        Map<String, String> environment = new HashMap<>(Cli.smallLedger(dir.resolve("data")));
        environment.put("ONECARD_ADMIN_KEY", ADMIN_KEY);
        environment.put("ONECARD_GATEWAY_KEY", GATEWAY_KEY);
        Processes server = start(environment);
        String banner = server.out();
        Map<Long, String> pins = demoCards(banner);
        List<Sent> everything = new ArrayList<>();
        try {
            for (int round = 0; round < KILLS; round++) {
                String api = endpoint(server.out());
                Load load = new Load(api, pins, round);
                Thread.sleep(ThreadLocalRandom.current().nextLong(300, 1_500));
                server.close();
                List<Sent> sent = load.stop();
                server = start(environment);
                String restarted = endpoint(server.out());
                for (Sent request : sent) {
                    Answer again = post(restarted, request.path(), request.key(), request.body());
                    if (request.first() != null && request.first().status() != 503) {
                        assertThat(again).as("replay of acknowledged %s", request.key()).isEqualTo(request.first());
                    }
                    everything.add(new Sent(request.path(), request.key(), request.body(), request.card(),
                        request.amount(), request.debit(), again));
                }
                assertBalances(restarted, pins, everything);
            }
            assertThat(everything.stream().filter(request -> request.first().status() == 201)).hasSizeGreaterThan(10);
            assertThat(server.terminate(Duration.ofMinutes(1))).as(server.transcript()).isEqualTo(143);
        } finally {
            server.close();
        }

        Cli.Run audit = Cli.on(dir.resolve("data")).run("audit");
        assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(ExitCodes.OK);
    }

    private Processes start(Map<String, String> environment) throws Exception {
        Processes server = Processes.start(ChildMain.builder(environment, "serve"));
        assertThat(server.awaitOutLine(Banner.READY, Duration.ofMinutes(2))).as(server.transcript()).isTrue();
        return server;
    }

    /** Sends debits and authorizations from several threads until it is stopped. */
    private final class Load {
        private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Load(String api, Map<Long, String> pins, int round) {
            List<Long> cards = new ArrayList<>(pins.keySet());
            for (int t = 0; t < LOAD_THREADS; t++) {
                String prefix = "r" + round + "-t" + t + "-";
                Thread worker = new Thread(() -> {
                    for (int i = 0; running.get(); i++) {
                        sent.add(sendOne(api, cards, pins, prefix + i));
                    }
                }, "load-" + t);
                worker.setDaemon(true);
                worker.start();
                threads.add(worker);
            }
        }

        List<Sent> stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
            return List.copyOf(sent);
        }
    }

    private Sent sendOne(String api, List<Long> cards, Map<Long, String> pins, String key) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long card = cards.get(random.nextInt(cards.size()));
        long amount = 1 + random.nextInt(9);
        boolean debit = random.nextBoolean();
        String body = "{\"card_number\":\"" + card + "\",\"pin\":\"" + pins.get(card) + "\",\"amount\":" + amount
            + ",\"currency\":\"EUR\"" + (debit ? "" : ",\"expires_in_seconds\":3600") + "}";
        String path = debit ? "/v1/debits" : "/v1/authorizations";
        Answer first;
        try {
            first = post(api, path, key, body);
        } catch (IOException | InterruptedException killed) {
            first = null;
        }
        return new Sent(path, key, body, card, amount, debit, first);
    }

    private Answer post(String api, String path, String key, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(api + path))
            .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + GATEWAY_KEY)
            .header("Idempotency-Key", key).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private void assertBalances(String api, Map<Long, String> pins, List<Sent> everything) throws Exception {
        for (long card : pins.keySet()) {
            long debited = 0;
            long held = 0;
            for (Sent request : everything) {
                if (request.card() == card && request.first().status() == 201) {
                    debited += request.debit() ? request.amount() : 0;
                    held += request.debit() ? 0 : request.amount();
                }
            }
            HttpResponse<String> shown = client.send(HttpRequest.newBuilder(URI.create(api + "/v1/cards/" + card))
                .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(shown.body()).as("card %s", card).contains("\"balance\":" + (CARD_VALUE_MINOR - debited) + ",")
                .contains("\"held\":" + held + ",");
        }
    }

    private static Map<Long, String> demoCards(String banner) {
        Matcher matcher = DEMO_CARD.matcher(banner);
        Map<Long, String> cards = new HashMap<>();
        while (matcher.find()) {
            cards.put(Long.parseLong(matcher.group(1)), matcher.group(2));
        }
        assertThat(cards).as(banner).hasSize(3);
        return cards;
    }

    private static String endpoint(String banner) {
        Matcher matcher = HTTP_API.matcher(banner);
        assertThat(matcher.find()).as(banner).isTrue();
        return matcher.group(1);
    }
}
