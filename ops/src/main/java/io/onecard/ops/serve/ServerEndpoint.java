package io.onecard.ops.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where the running server's admin API can be reached from this machine, written to the data directory
 * once the HTTP edge listens and removed when it stops. The CLI reads it to send card commands through a
 * running server instead of opening the ledger itself (the server holds the data directory's lock).
 */
public final class ServerEndpoint {
    /** The file under the data directory. */
    public static final String FILE_NAME = "server.endpoint";
    /** Longest endpoint read back, in characters. */
    public static final int MAX_LENGTH = 512;

    private ServerEndpoint() {
    }

    static void write(Path dataDir, URI endpoint) {
        Path file = dataDir.resolve(FILE_NAME);
        Path temporary = dataDir.resolve(FILE_NAME + ".new");
        try {
            Files.writeString(temporary, endpoint + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void remove(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dataDir.resolve(FILE_NAME), e);
        }
    }

    /** The endpoint a running server wrote, if any. */
    public static Optional<URI> read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_LENGTH) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(URI.create(text));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
