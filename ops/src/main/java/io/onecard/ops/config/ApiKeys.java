package io.onecard.ops.config;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The admin and gateway API keys of one installation.
 *
 * <p>A key given in the configuration wins. A key not configured is read from {@code api-keys.properties} in
 * the data directory; when that file does not hold it either, it is generated (32 bytes from
 * {@link SecureRandom}, base64url) and saved there, readable by its owner only. {@link #generated()} tells
 * the caller to print the new keys: this happens on the first start only.
 *
 * @param adminKey the admin key in force
 * @param gatewayKey the gateway key in force
 * @param generated true when at least one key was generated just now
 */
public record ApiKeys(String adminKey, String gatewayKey, boolean generated) {
    /** The file under the data directory that keeps generated keys. */
    public static final String FILE_NAME = "api-keys.properties";
    /** Random bytes in a generated key. */
    public static final int GENERATED_KEY_BYTES = 32;

    private static final String ADMIN = "admin.key";
    private static final String GATEWAY = "gateway.key";

    /** Keeps {@code toString} from ever showing a key. */
    @Override
    public String toString() {
        return "ApiKeys[hidden]";
    }

    /** The keys in force for a configuration, generating and saving the missing ones. */
    public static ApiKeys resolve(OneCardConfig config, SecureRandom random) {
        Path file = config.dataDir().resolve(FILE_NAME);
        Properties saved = read(file);
        String admin = config.adminKey().orElse(saved.getProperty(ADMIN));
        String gateway = config.gatewayKey().orElse(saved.getProperty(GATEWAY));
        boolean generated = false;
        if (admin == null) {
            admin = generate(random);
            saved.setProperty(ADMIN, admin);
            generated = true;
        }
        if (gateway == null) {
            gateway = generate(random);
            saved.setProperty(GATEWAY, gateway);
            generated = true;
        }
        if (generated) {
            write(file, saved);
        }
        return new ApiKeys(admin, gateway, generated);
    }

    /** The keys in force without generating any: for CLI commands that talk to a running server. */
    public static Optional<String> configuredOrSavedAdminKey(OneCardConfig config) {
        return config.adminKey().or(() -> Optional.ofNullable(read(config.dataDir().resolve(FILE_NAME))
            .getProperty(ADMIN)));
    }

    private static String generate(SecureRandom random) {
        byte[] bytes = new byte[GENERATED_KEY_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API keys " + file, e);
            }
        }
        return properties;
    }

    private static void write(Path file, Properties keys) {
        Path temporary = file.resolveSibling(FILE_NAME + ".new");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                "rw-------")));
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE);
                 Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                keys.store(writer, "OneCard API keys: generated on first start; keep secret");
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the API keys " + file, e);
        }
    }
}
