package io.onecard.ops.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.ops.cli.ExitCodes;
import io.onecard.ops.config.ConfigLoader;
import io.onecard.ops.ledger.IssuedCard;
import io.onecard.ops.testing.Cli;
import io.onecard.ops.testing.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real call through the server that {@code serve} builds: sipp as the caller (card number and PIN from a
 * demo card) and as the gateway. The call is charged on the card, written as a call record that
 * {@code cdr export} finds, and counted on {@code /metrics}.
 */
class ServeCallTest {
    private static final Path SCENARIOS = Path.of("..", "sip-edge", "src", "test", "resources", "sipp");

    @TempDir
    Path dir;

    @Test
    void shouldChargeAPerMinuteCallAndExportItsRecord() throws Exception {
        int gatewayPort = Ports.freeUdpAndTcp();
        Map<String, String> environment = new HashMap<>(Cli.smallLedger(dir.resolve("data")));
        environment.put("ONECARD_SIP_GATEWAY", "sip:127.0.0.1:" + gatewayPort);
        int sipPort = Integer.parseInt(environment.get("ONECARD_SIP_PORT"));
        try (OneCardServer server = OneCardServer.start(ConfigLoader.load(null, environment))) {
            IssuedCard card = server.demoCards().get(0);
            Process gateway = sipp("gateway", "uas_answer.xml", "-p", Integer.toString(gatewayPort), "-i",
                "127.0.0.1", "-m", "1", "-timeout", "60s", "-timeout_error");
            Process caller = sipp("caller", "uac_call.xml", "-s", "442071234567", "127.0.0.1:" + sipPort, "-p",
                Integer.toString(Ports.freeUdpAndTcp()), "-i", "127.0.0.1", "-m", "1", "-d", "1000", "-au",
                Long.toString(card.cardNumber()), "-ap", card.pin(), "-timeout", "60s", "-timeout_error");
            try {
                assertThat(caller.waitFor(90, TimeUnit.SECONDS)).isTrue();
                assertThat(caller.exitValue()).as(log("caller")).isZero();
                assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(awaitBalance(dir.resolve("data"), card, "49.88")).as("one minute at 0.12 EUR").isTrue();
                assertThat(server.registry().scrape()).contains("onecard_sip_calls_answered_total 1.0");
            } finally {
                caller.destroyForcibly();
                gateway.destroyForcibly();
            }
        }

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Cli.Run export = Cli.on(dir.resolve("data")).run("cdr", "export", "--from", today, "--to", today);
        assertThat(export.exitCode()).as(export.toString()).isEqualTo(ExitCodes.OK);
        assertThat(export.out()).contains(",442071234567,EUR,").contains(",60,12,");
    }

    private boolean awaitBalance(Path dataDir, IssuedCard card, String balance) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Cli.Run shown = Cli.on(dataDir).run("cards", "show", Long.toString(card.cardNumber()));
            if (shown.out().contains("balance    " + balance)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private Process sipp(String name, String scenario, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", SCENARIOS.resolve(scenario).toAbsolutePath()
            .toString(), "-nostdin", "-trace_err", "-error_file", dir.resolve(name + "-errors.log").toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private String log(String name) throws IOException {
        Path errors = dir.resolve(name + "-errors.log");
        return Files.exists(errors) ? Files.readString(errors, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
    }
}
