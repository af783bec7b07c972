package io.onecard.ops.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.ops.cli.ExitCodes;
import io.onecard.ops.testing.Cli;
import io.onecard.ops.testing.InstalledLauncher;
import io.onecard.ops.testing.Ports;
import io.onecard.ops.testing.Processes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server, started by the {@code onecard} launcher and ready on {@code /healthz}, under a mixed load on
 * shared cards (HTTP debits, authorizations and captures from several threads; sipp calls through the SIP edge
 * to a sipp gateway), killed with SIGKILL five times at random moments and started again each time.
 *
 * <p>After each restart every HTTP request is sent again with its idempotency key: an acknowledged one must get
 * its first answer byte for byte. Calls cut by the kill leave holds that must expire (the hold margin is one
 * second here); then every card's held amount is exactly its open HTTP authorizations, and its balance is the
 * initial value minus the HTTP debits and captures minus the charges of the call records in the CDR files. Each
 * call record's charge is in the card's history once, under its call id, and the history holds no call charge
 * without a record. At the end the audit finds nothing.
 */
class KillAndRecoverTest {
    private static final String ADMIN_KEY = "admin-key-for-the-crash-test-0123";
    private static final String GATEWAY_KEY = "gateway-key-for-the-crash-test-0123";
    private static final Pattern DEMO_CARD = Pattern.compile("^  ([0-9]{16})  PIN ([0-9]{6})  50\\.00 EUR$",
        Pattern.MULTILINE);
    private static final Pattern HTTP_API = Pattern.compile("^  HTTP API +(http://\\S+)$", Pattern.MULTILINE);
    private static final Pattern AUTHORIZATION_ID = Pattern.compile("\"authorization_id\":\"([^\"]+)\"");
    private static final Pattern CALL_RECORD = Pattern.compile(
        "^\\{\"call_id\":\"([^\"]+)\",.*\"dialled\":\"([0-9]+)\",.*\"amount\":([0-9]+),");
    private static final Pattern CALL_CHARGE = Pattern.compile(
        "\"type\":\"call\",\"amount\":([0-9]+),[^{}]*\"call_id\":\"([^\"]+)\"");
    private static final Pattern NEXT_CURSOR = Pattern.compile("\"next_cursor\":\"([0-9]+)\"");
    private static final Pattern EXPIRED = Pattern.compile("\"type\":\"expire\"");
    private static final Path SCENARIOS = Path.of("..", "sip-edge", "src", "test", "resources", "sipp");
    /** Per second, 1 s first and following increments, connect fee 0.02: every call costs 2 + its seconds. */
    private static final String RATES = "prefix,currency,price_per_minute,first_increment_seconds,"
        + "increment_seconds,connect_fee\n99,EUR,60,1,1,2\n";
    private static final int[] CALL_MILLIS = {300, 900, 1_600};
    private static final int KILLS = 5;
    private static final int LOAD_THREADS = 3;
    private static final int REPLAY_THREADS = 8;
    private static final long CARD_VALUE_MINOR = 5_000;
    private static final Duration HOLDS_SETTLE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> sipps = new ArrayList<>();

    /** What a load request does to its card. */
    private enum Kind { DEBIT, AUTHORIZE, CAPTURE }

    /**
     * One request as sent, and its answer: the first one, if it arrived before the kill, or the one after the
     * restart. A capture names the authorization's amount in {@code held}.
     */
    private record Sent(Kind kind, String path, String key, String body, long card, long amount, long held,
                        Answer answer) {
        Sent answered(Answer again) {
            return new Sent(kind, path, key, body, card, amount, held, again);
        }
    }

    private record Answer(int status, String body) {
    }

    /** A card of the test: its number, PIN, and the number its calls dial (so that call records name it). */
    private record Card(long number, String pin, String dialled) {
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldLoseNothingAcknowledgedAndChargeNothingTwiceAcrossKillsUnderHttpAndSipLoad() throws Exception {
        InstalledLauncher launcher = InstalledLauncher.install(dir.resolve("install"));
        Map<String, String> environment = environment();
        int sipPort = Integer.parseInt(environment.get("ONECARD_SIP_PORT"));
        int gatewayPort = Integer.parseInt(environment.get("ONECARD_SIP_GATEWAY").replaceAll(".*:", ""));
        Processes server = start(launcher, environment);
        List<Card> cards = demoCards(server.out());
        List<Sent> everything = new ArrayList<>();
        int cutByKill = 0;
        try {
            for (int round = 0; round < KILLS; round++) {
                String api = endpoint(server.out());
                Calls calls = new Calls(round, cards, sipPort, gatewayPort);
                Load load = new Load(api, cards, round);
                Thread.sleep(ThreadLocalRandom.current().nextLong(2_000, 4_000));
                server.close();
                assertThat(server.awaitExit(Duration.ofSeconds(30))).as("killed by SIGKILL").isEqualTo(137);
                List<Sent> sent = load.stop();
                calls.stop();
                server = start(launcher, environment);
                String restarted = endpoint(server.out());
                cutByKill += (int) sent.stream().filter(request -> request.answer() == null).count();
                everything.addAll(replay(restarted, sent));
                assertCardsAfterHoldsSettle(restarted, cards, everything);
            }
            assertThat(cutByKill).as("requests cut by a kill, settled by their replay").isPositive();
            assertLoadWasReal(endpoint(server.out()), cards, everything);
            assertThat(server.terminate(Duration.ofMinutes(1))).as(server.transcript()).isEqualTo(143);
        } finally {
            server.close();
            sipps.forEach(Process::destroyForcibly);
        }

        Cli cli = Cli.on(dir.resolve("data"));
        environment.forEach(cli::with);
        Cli.Run audit = cli.run("audit");
        assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(ExitCodes.OK);
        assertThat(audit.out()).contains("audit passed");
    }

    private Map<String, String> environment() throws IOException {
        Path rates = dir.resolve("rates.csv");
        Files.writeString(rates, RATES, StandardCharsets.US_ASCII);
        Map<String, String> environment = new HashMap<>(Cli.smallLedger(dir.resolve("data")));
        environment.put("ONECARD_LEDGER_MAX_CARDS", "64");
        environment.put("ONECARD_LEDGER_MAX_OPEN_HOLDS", "4096");
        environment.put("ONECARD_LEDGER_TRANSACTION_RETENTION", "20000");
        environment.put("ONECARD_LEDGER_HISTORY_RETENTION", "20000");
        environment.put("ONECARD_IDEMPOTENCY_MAX_KEYS", "20000");
        environment.put("ONECARD_ADMIN_KEY", ADMIN_KEY);
        environment.put("ONECARD_GATEWAY_KEY", GATEWAY_KEY);
        environment.put("ONECARD_SIP_GATEWAY", "sip:127.0.0.1:" + Ports.freeUdpAndTcp());
        environment.put("ONECARD_RATES_FILE", rates.toString());
        environment.put("ONECARD_SIP_RING_TIMEOUT", "2s");
        environment.put("ONECARD_SIP_HOLD_MARGIN", "1s");
        environment.put("ONECARD_HOLD_EXPIRY_INTERVAL", "200ms");
        environment.put("ONECARD_RING_WAIT_STRATEGY", "blocking");
        return environment;
    }

    /**
     * Sends every request again with its key, from several threads; an acknowledged one (not refused as
     * overloaded) must get its first answer byte for byte. Returns the requests with their answers now.
     */
    private List<Sent> replay(String api, List<Sent> sent) throws Exception {
        ExecutorService replayers = Executors.newFixedThreadPool(REPLAY_THREADS);
        try {
            List<Future<Sent>> replies = new ArrayList<>();
            for (Sent request : sent) {
                replies.add(replayers.submit(() -> request.answered(post(api, request.path(), request.key(),
                    request.body()))));
            }
            List<Sent> answered = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                Sent first = sent.get(i);
                Sent again = replies.get(i).get(1, TimeUnit.MINUTES);
                if (first.answer() != null && first.answer().status() != 503) {
                    assertThat(again.answer()).as("replay of acknowledged %s", first.key()).isEqualTo(first.answer());
                }
                answered.add(again);
            }
            return answered;
        } finally {
            replayers.shutdownNow();
        }
    }

    /** Starts the server through the launcher and waits for its banner and for {@code /healthz}. */
    private Processes start(InstalledLauncher launcher, Map<String, String> environment) throws Exception {
        Processes server = Processes.start(launcher.builder(environment, "serve"));
        assertThat(server.awaitOutLine(Banner.READY, Duration.ofMinutes(1))).as(server.transcript()).isTrue();
        assertThat(server.commandLine()).as("the launcher execs the JVM with its options")
            .contains(launcher.jvmOptions()).contains("-jar");
        String health = endpoint(server.out()) + "/healthz";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(health)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"status\":\"ok\"")) {
                return server;
            }
            assertThat(System.nanoTime()).as("/healthz answers ok: %s", response.body()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Sends debits, authorizations and captures of its own acknowledged authorizations until it is stopped. */
    private final class Load {
        private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Load(String api, List<Card> cards, int round) {
            for (int t = 0; t < LOAD_THREADS; t++) {
                String prefix = "r" + round + "-t" + t + "-";
                Thread worker = new Thread(() -> {
                    List<Sent> capturable = new ArrayList<>();
                    for (int i = 0; running.get(); i++) {
                        Sent one = sendOne(api, cards, capturable, prefix + i);
                        sent.add(one);
                        if (one.kind() == Kind.AUTHORIZE && one.answer() != null && one.answer().status() == 201) {
                            capturable.add(one);
                        }
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

    private Sent sendOne(String api, List<Card> cards, List<Sent> capturable, String key) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Sent request;
        if (!capturable.isEmpty() && random.nextInt(3) == 0) {
            Sent authorization = capturable.remove(random.nextInt(capturable.size()));
            Matcher id = AUTHORIZATION_ID.matcher(authorization.answer().body());
            assertThat(id.find()).as(authorization.answer().body()).isTrue();
            long amount = 1 + random.nextLong(authorization.amount());
            request = new Sent(Kind.CAPTURE, "/v1/authorizations/" + id.group(1) + "/capture", key,
                "{\"amount\":" + amount + "}", authorization.card(), amount, authorization.amount(), null);
        } else {
            Card card = cards.get(random.nextInt(cards.size()));
            long amount = 1 + random.nextInt(9);
            boolean debit = random.nextBoolean();
            String body = "{\"card_number\":\"" + card.number() + "\",\"pin\":\"" + card.pin() + "\",\"amount\":"
                + amount + ",\"currency\":\"EUR\"" + (debit ? "" : ",\"expires_in_seconds\":3600") + "}";
            request = new Sent(debit ? Kind.DEBIT : Kind.AUTHORIZE, debit ? "/v1/debits" : "/v1/authorizations", key,
                body, card.number(), amount, 0, null);
        }
        try {
            return request.answered(post(api, request.path(), key, request.body()));
        } catch (IOException | InterruptedException killed) {
            return request;
        }
    }

    /**
     * sipp calls on every card (each card dials its own number and talks for its own time) to a sipp gateway
     * that answers them, until {@link #stop()} kills every sipp.
     */
    private final class Calls {
        private final List<Process> processes = new ArrayList<>();

        Calls(int round, List<Card> cards, int sipPort, int gatewayPort) throws IOException {
            processes.add(sipp("gateway-" + round, "uas_answer.xml", "-p", Integer.toString(gatewayPort)));
            for (int c = 0; c < cards.size(); c++) {
                Card card = cards.get(c);
                processes.add(sipp("caller-" + round + "-" + c, "uac_call.xml", "-s", card.dialled(),
                    "127.0.0.1:" + sipPort, "-p", Integer.toString(Ports.freeUdpAndTcp()), "-r", "3", "-l", "12",
                    "-d", Integer.toString(CALL_MILLIS[c % CALL_MILLIS.length]), "-au", Long.toString(card.number()),
                    "-ap", card.pin()));
            }
        }

        void stop() throws InterruptedException {
            for (Process process : processes) {
                process.destroyForcibly();
            }
            for (Process process : processes) {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("sipp ends when killed").isTrue();
            }
        }
    }

    private Process sipp(String name, String scenario, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", SCENARIOS.resolve(scenario).toAbsolutePath()
            .toString(), "-i", "127.0.0.1", "-nostdin", "-trace_err", "-error_file",
            dir.resolve(name + "-errors.log").toString()));
        command.addAll(List.of(arguments));
        Process sipp = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        sipps.add(sipp);
        return sipp;
    }

    private Answer post(String api, String path, String key, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(api + path))
            .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + GATEWAY_KEY)
            .header("Idempotency-Key", key).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    /**
     * Waits until every card holds exactly its open HTTP authorizations (the holds of calls cut by the kill
     * expire within the hold margin), then checks each card's balance against the requests and the call charges.
     * Every call record with a charge must be in the card's history once with the same amount, and every call
     * charge in the history must have its record, also when the kill came between the capture and the record.
     */
    private void assertCardsAfterHoldsSettle(String api, List<Card> cards, List<Sent> everything) throws Exception {
        Map<String, Long> recorded = callRecords();
        for (Card card : cards) {
            long[] debitedAndHeld = httpEffect(card, everything);
            Map<String, Long> charged = callCharges(api, card);
            long calls = 0;
            for (Map.Entry<String, Long> record : recorded.entrySet()) {
                if (record.getKey().startsWith(card.dialled() + " ")) {
                    String callId = record.getKey().substring(card.dialled().length() + 1);
                    assertThat(charged).as("call %s of card %s in its history", callId, card.number())
                        .containsKey(callId);
                    assertThat(charged.get(callId)).as("call %s", callId).isEqualTo(record.getValue());
                    calls += record.getValue();
                }
            }
            assertThat(cardRecords(recorded, card)).as("calls of card %s with a record", card.number())
                .containsExactlyInAnyOrderElementsOf(charged.keySet());
            String shown = awaitHeld(api + "/v1/cards/" + card.number(), debitedAndHeld[1]);
            assertThat(shown).as("card %s after holds settle", card.number())
                .contains("\"balance\":" + (CARD_VALUE_MINOR - debitedAndHeld[0] - calls) + ",")
                .contains("\"held\":" + debitedAndHeld[1] + ",");
        }
    }

    private static List<String> cardRecords(Map<String, Long> recorded, Card card) {
        return recorded.keySet().stream().filter(key -> key.startsWith(card.dialled() + " "))
            .map(key -> key.substring(card.dialled().length() + 1)).toList();
    }

    /** What the acknowledged HTTP requests did to a card: taken from its balance, and still held. */
    private static long[] httpEffect(Card card, List<Sent> everything) {
        long debited = 0;
        long held = 0;
        for (Sent request : everything) {
            if (request.card() != card.number()) {
                continue;
            }
            int status = request.answer().status();
            switch (request.kind()) {
                case DEBIT -> debited += status == 201 ? request.amount() : 0;
                case AUTHORIZE -> held += status == 201 ? request.amount() : 0;
                case CAPTURE -> {
                    debited += status == 200 ? request.amount() : 0;
                    held -= status == 200 ? request.held() : 0;
                }
                default -> throw new AssertionError(request.kind());
            }
        }
        return new long[] {debited, held};
    }

    private String awaitHeld(String url, long held) throws Exception {
        long deadline = System.nanoTime() + HOLDS_SETTLE.toNanos();
        String shown = get(url);
        while (!shown.contains("\"held\":" + held + ",") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            shown = get(url);
        }
        return shown;
    }

    /** Every call record with a charge, as {@code "<dialled> <call id>"} to its amount; none may come twice. */
    private Map<String, Long> callRecords() throws IOException {
        Map<String, Long> records = new HashMap<>();
        Path cdr = dir.resolve("data").resolve("cdr");
        if (!Files.isDirectory(cdr)) {
            return records;
        }
        try (Stream<Path> files = Files.list(cdr)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher record = CALL_RECORD.matcher(line);
                    assertThat(record.find()).as("call record %s", line).isTrue();
                    long amount = Long.parseLong(record.group(3));
                    String key = record.group(2) + " " + record.group(1);
                    assertThat(records).as("call %s recorded once", key).doesNotContainKey(key);
                    if (amount > 0) {
                        records.put(key, amount);
                    }
                }
            }
        }
        return records;
    }

    /** The call charges in a card's history by call id; no call may be charged twice. */
    private Map<String, Long> callCharges(String api, Card card) throws Exception {
        Map<String, Long> charges = new LinkedHashMap<>();
        for (String page : history(api, card)) {
            Matcher charge = CALL_CHARGE.matcher(page);
            while (charge.find()) {
                Long before = charges.put(charge.group(2), Long.parseLong(charge.group(1)));
                assertThat(before).as("call %s charged once", charge.group(2)).isNull();
            }
        }
        return charges;
    }

    private List<String> history(String api, Card card) throws Exception {
        List<String> pages = new ArrayList<>();
        String cursor = "";
        do {
            String page = get(api + "/v1/cards/" + card.number() + "/transactions?limit=100" + cursor);
            pages.add(page);
            Matcher next = NEXT_CURSOR.matcher(page);
            cursor = next.find() ? "&cursor=" + next.group(1) : "";
        } while (!cursor.isEmpty());
        return pages;
    }

    /** The checks above only mean something if every kind of request and call was settled and cut. */
    private void assertLoadWasReal(String api, List<Card> cards, List<Sent> everything) throws Exception {
        for (Kind kind : Kind.values()) {
            assertThat(everything).as("%s requests that succeeded", kind).filteredOn(request -> request.kind() == kind
                && request.answer().status() / 100 == 2).hasSizeGreaterThan(5);
        }
        Map<String, Long> recorded = callRecords();
        for (Card card : cards) {
            assertThat(recorded.keySet()).as("charged calls of card %s", card.number())
                .filteredOn(key -> key.startsWith(card.dialled() + " ")).hasSizeGreaterThan(2);
        }
        long expired = 0;
        for (Card card : cards) {
            for (String page : history(api, card)) {
                expired += EXPIRED.matcher(page).results().count();
            }
        }
        assertThat(expired).as("holds of calls cut by a kill expired after the restart").isPositive();
    }

    private static List<Card> demoCards(String banner) {
        Matcher matcher = DEMO_CARD.matcher(banner);
        List<Card> cards = new ArrayList<>();
        while (matcher.find()) {
            cards.add(new Card(Long.parseLong(matcher.group(1)), matcher.group(2), "9900" + cards.size()));
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
