package io.onecard.ops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A started child process whose standard output and error go to files (so nothing written just before the
 * process ends can be lost), read back as lines while it runs and after it ends.
 */
public final class Processes implements AutoCloseable {
    private final Process process;
    private final Path outFile;
    private final Path errFile;

    private Processes(Process process, Path outFile, Path errFile) {
        this.process = process;
        this.outFile = outFile;
        this.errFile = errFile;
    }

    public static Processes start(ProcessBuilder builder) throws IOException {
        Path outFile = Files.createTempFile("onecard-child-", ".out");
        Path errFile = Files.createTempFile("onecard-child-", ".err");
        builder.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        return new Processes(builder.start(), outFile, errFile);
    }

    /** Waits until standard output has a line equal to {@code line}; false when the process ends or time runs out. */
    public boolean awaitOutLine(String line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lines(outFile).contains(line)) {
                return true;
            }
            if (!process.isAlive()) {
                return lines(outFile).contains(line);
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Sends SIGTERM and waits for the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("process did not end within " + timeout + "\n" + transcript());
        }
        return process.exitValue();
    }

    /** The command line the process runs now (after any {@code exec}). */
    public String commandLine() {
        return process.info().commandLine().orElse("");
    }

    public String out() {
        return String.join("\n", lines(outFile));
    }

    public String err() {
        return String.join("\n", lines(errFile));
    }

    public List<String> errLines() {
        return lines(errFile);
    }

    public String transcript() {
        return "--- out\n" + out() + "\n--- err\n" + err();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
