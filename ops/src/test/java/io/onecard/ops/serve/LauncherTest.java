package io.onecard.ops.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.ops.cli.ExitCodes;
import io.onecard.ops.testing.ChildMain;
import io.onecard.ops.testing.Cli;
import io.onecard.ops.testing.Processes;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher on a copy of the sources without any build output, as on a fresh clone: it builds the
 * jar, starts {@code serve}, stops cleanly on SIGTERM, and the next start (no rebuild, JSON logs) recovers
 * the same state. The CLI then reads that state through the same launcher.
 */
class LauncherTest {
    private static final Pattern DEMO_CARD = Pattern.compile("^  ([0-9]{16})  PIN ([0-9]{6})  50\\.00 EUR$",
        Pattern.MULTILINE);
    private static final int SIGTERM_EXIT = 143;
    private static final Set<String> NOT_COPIED = Set.of("target", ".git", "data", ".idea");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
    void shouldBuildServeStopOnSigtermAndRecoverOnTheNextStart() throws Exception {
        Path clone = copySources(dir.resolve("clone"));
        Path launcher = clone.resolve("ops/onecard");
        Map<String, String> environment = new java.util.HashMap<>(Cli.smallLedger(dir.resolve("data")));
        environment.put("ONECARD_HTTP_PORT", Integer.toString(freePort()));

        String banner;
        try (Processes first = Processes.start(launch(launcher, environment, "serve"))) {
            assertThat(first.awaitOutLine(Banner.READY, Duration.ofMinutes(12))).as(first.transcript()).isTrue();
            banner = first.out();
            assertThat(first.commandLine()).as("the launcher execs the JVM with the options of DESIGN.md")
                .contains("-Dchronicle.analytics.disable=true").contains("--add-opens=java.base/java.lang=ALL-UNNAMED")
                .contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED").contains("-jar");
            String api = httpEndpoint(banner);
            assertThat(get(api + "/healthz")).contains("\"status\":\"ok\"");
            assertThat(get(api + "/metrics")).contains("onecard_ledger_cards 3.0").contains("onecard_ring_capacity");
            try (Processes show = Processes.start(launch(launcher, environment, "cards", "show",
                demoCards(banner).get(1)[0]))) {
                assertThat(show.awaitExit(Duration.ofMinutes(2))).as(show.transcript()).isEqualTo(ExitCodes.OK);
                assertThat(show.out()).contains("status     active");
            }
            assertThat(first.terminate(Duration.ofMinutes(1))).as(first.transcript()).isEqualTo(SIGTERM_EXIT);
            assertThat(first.err()).contains("building").contains("ledger closed cleanly");
            assertThat(banner).contains("admin key").contains("gateway key").contains("Demo cards issued now")
                .contains("curl -s -X POST");
            assertThat(first.err()).contains("config admin.key = (generated or saved in the data dir)")
                .doesNotContain(keyFrom(banner, "admin key")).doesNotContain(keyFrom(banner, "gateway key"));
            for (String[] card : demoCards(banner)) {
                assertThat(first.err()).as("logs show no card number or PIN").doesNotContain(card[0])
                    .doesNotContain("PIN " + card[1]);
            }
        }
        assertThat(Files.isRegularFile(clone.resolve("ops/target/onecard.jar"))).isTrue();

        environment.put("ONECARD_LOG_FORMAT", "json");
        try (Processes second = Processes.start(launch(launcher, environment, "serve"))) {
            assertThat(second.awaitOutLine(Banner.READY, Duration.ofMinutes(3))).as(second.transcript()).isTrue();
            assertThat(second.terminate(Duration.ofMinutes(1))).as(second.transcript()).isEqualTo(SIGTERM_EXIT);
            assertThat(second.err()).doesNotContain("building").contains("ledger recovered")
                .contains("ledger closed cleanly");
            assertThat(second.errLines()).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}")
                .contains("\"level\""));
            assertThat(second.out()).doesNotContain("admin key").doesNotContain("Demo cards issued now");
        }

        String[] demo = demoCards(banner).get(0);
        try (Processes show = Processes.start(launch(launcher, environment, "cards", "show", demo[0]))) {
            assertThat(show.awaitExit(Duration.ofMinutes(2))).as(show.transcript()).isEqualTo(ExitCodes.OK);
            assertThat(show.out()).contains("balance    50.00").contains("status     active");
        }
        try (Processes audit = Processes.start(launch(launcher, environment, "audit"))) {
            assertThat(audit.awaitExit(Duration.ofMinutes(2))).as(audit.transcript()).isEqualTo(ExitCodes.OK);
            assertThat(audit.out()).contains("audit passed");
        }
    }

    private static String keyFrom(String banner, String label) {
        Matcher matcher = Pattern.compile("^  " + label + " +(\\S{43})$", Pattern.MULTILINE).matcher(banner);
        assertThat(matcher.find()).as(banner).isTrue();
        return matcher.group(1);
    }

    private static String httpEndpoint(String banner) {
        Matcher matcher = Pattern.compile("^  HTTP API +(http://\\S+)$", Pattern.MULTILINE).matcher(banner);
        assertThat(matcher.find()).as(banner).isTrue();
        return matcher.group(1);
    }

    private static String get(String url) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static ProcessBuilder launch(Path launcher, Map<String, String> environment, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(launcher.getParent().toFile());
        Map<String, String> childEnvironment = ChildMain.withoutOneCardVariables(builder);
        childEnvironment.keySet().removeIf(name -> name.startsWith("MAVEN_") || name.equals("JAVA_TOOL_OPTIONS"));
        childEnvironment.putAll(environment);
        return builder;
    }

    private static List<String[]> demoCards(String banner) {
        Matcher matcher = DEMO_CARD.matcher(banner);
        List<String[]> cards = new java.util.ArrayList<>();
        while (matcher.find()) {
            cards.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        assertThat(cards).as(banner).hasSize(3);
        return cards;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Copies the project's sources (not its build output) as a fresh clone would have them. */
    private static Path copySources(Path target) throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        assertThat(root.resolve("ops/onecard")).as("project root").exists();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                throws IOException {
                if (!directory.equals(root) && NOT_COPIED.contains(directory.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(root.relativize(directory).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (NOT_COPIED.contains(file.getFileName().toString())) {
                    return FileVisitResult.CONTINUE;
                }
                Files.copy(file, target.resolve(root.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }
}
