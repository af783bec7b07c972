package io.onecard.sip.call;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs sipp (Debian's sip-tester) as a real caller or gateway, each instance on its own port. */
final class Sipp {
    private final Process process;
    private final Path log;
    private final String name;

    private Sipp(Process process, Path log, String name) {
        this.process = process;
        this.log = log;
        this.name = name;
    }

    /**
     * Starts sipp with a scenario from {@code src/test/resources/sipp}.
     *
     * @param work where its logs go
     * @param arguments everything after the scenario
     */
    static Sipp start(Path work, String name, Path scenario, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenario.toString(), "-nostdin",
            "-trace_err", "-error_file", work.resolve(name + "-errors.log").toString()));
        command.addAll(arguments);
        Path log = work.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
            return new Sipp(process, log, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sipp", e);
        }
    }

    /** The path of a scenario shipped with the tests. */
    static Path scenario(String file) {
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario " + file);
            }
            Path copy = Files.createTempFile("sipp-", "-" + file);
            Files.write(copy, in.readAllBytes());
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a scenario with {@code token} replaced. */
    static Path scenario(String file, String token, String value, String token2, String value2) {
        try {
            Path source = scenario(file);
            String text = Files.readString(source, StandardCharsets.ISO_8859_1).replace(token, value)
                .replace(token2, value2);
            Files.writeString(source, text, StandardCharsets.ISO_8859_1);
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for sipp to end; kills it after {@code timeout}. Returns its exit code (0: every call passed). */
    int await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    void kill() {
        process.destroyForcibly();
    }

    /** sipp's screen output and error log, for assertion messages. */
    String output() {
        try {
            Path errors = log.resolveSibling(name + "-errors.log");
            String errorText = Files.exists(errors) ? Files.readString(errors, StandardCharsets.ISO_8859_1) : "";
            String screen = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            int from = Math.max(0, screen.length() - 4_000);
            return name + " errors:\n" + errorText + "\n" + name + " screen:\n" + screen.substring(from);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A loopback port free for both UDP and TCP right now. */
    static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    continue;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port");
    }
}
