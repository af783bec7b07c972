package io.onecard.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinSecretTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldCreateTheSecretOnceReadableByItsOwnerOnly() throws Exception {
        PinSecret first = PinSecret.loadOrCreate(dataDir, new SecureRandom());
        PinSecret second = PinSecret.loadOrCreate(dataDir, new SecureRandom());
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        first.digest("1234", a);
        second.digest("1234", b);
        assertThat(a).isEqualTo(b);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("pin-secret.key"))))
            .isEqualTo("rw-------");
    }

    @Test
    void shouldHashPinsWithSaltAndCompareThem() {
        PinSecret secret = PinSecret.loadOrCreate(dataDir, new SecureRandom());
        PinHasher hasher = new PinHasher();
        byte[] salt = new byte[16];
        byte[] otherSalt = new byte[16];
        otherSalt[0] = 1;
        byte[] digest = new byte[32];
        byte[] wrong = new byte[32];
        secret.digest("123456", digest);
        secret.digest("123457", wrong);
        byte[] stored = new byte[32];
        byte[] storedOther = new byte[32];
        hasher.hash(salt, digest, stored);
        hasher.hash(otherSalt, digest, storedOther);
        assertThat(stored).isNotEqualTo(storedOther);
        assertThat(hasher.matches(salt, digest, stored)).isTrue();
        assertThat(hasher.matches(salt, wrong, stored)).isFalse();
    }

    @Test
    void shouldDeriveTheSameGeneratedPinAgainAndSealHa1Reversibly() {
        PinSecret secret = PinSecret.loadOrCreate(dataDir, new SecureRandom());
        byte[] salt = new byte[16];
        String pin = secret.derivePin(9000001234567893L, salt);
        assertThat(pin).matches("[0-9]{6}").isEqualTo(secret.derivePin(9000001234567893L, salt));
        byte[] sealed = new byte[16];
        byte[] plain = new byte[16];
        secret.sealHa1(9000001234567893L, salt, pin, sealed);
        secret.unsealHa1(9000001234567893L, salt, sealed, plain);
        assertThat(plain).isEqualTo(SipDigest.md5("9000001234567893:onecard:" + pin));
        assertThat(sealed).isNotEqualTo(plain);
    }

    @Test
    void shouldAcceptOnlyFourToEightDigitPins() {
        assertThat(PinSecret.isValidPin("1234")).isTrue();
        assertThat(PinSecret.isValidPin("12345678")).isTrue();
        assertThat(PinSecret.isValidPin("123")).isFalse();
        assertThat(PinSecret.isValidPin("123456789")).isFalse();
        assertThat(PinSecret.isValidPin("12a4")).isFalse();
        assertThat(PinSecret.isValidPin(null)).isFalse();
    }
}
