package io.onecard.http.api;

import static io.onecard.http.api.ApiFixture.GATEWAY_KEY;
import static io.onecard.http.api.ApiFixture.json;
import static io.onecard.http.api.SettlementApiTest.spendBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over TLS, with a self-signed certificate made by keytool for this test. */
class TlsTest {
    private static final char[] PASSWORD = "test-store-pass".toCharArray();

    @TempDir
    Path dir;

    @Test
    void shouldServeTheApiOverTlsWithConfiguredCertificateAndKey() throws Exception {
        Path store = dir.resolve("edge.p12");
        generateKeyPair(store);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        Path certificate = writePem(dir.resolve("edge.crt"), "CERTIFICATE",
            keys.getCertificate("edge").getEncoded());
        Path key = writePem(dir.resolve("edge.key"), "PRIVATE KEY",
            ((PrivateKey) keys.getKey("edge", PASSWORD)).getEncoded());

        try (ApiFixture plain = ApiFixture.start(dir.resolve("data"), config -> config.withTls(certificate, key))) {
            ApiFixture api = plain.withClient(trusting(keys.getCertificate("edge")), "https");

            HttpResponse<String> health = api.get("/healthz", null);
            String card = api.issueCard(500, "1234");
            HttpResponse<String> debit = api.post("/v1/debits", GATEWAY_KEY, spendBody(card, "1234", 120));

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(debit.statusCode()).isEqualTo(201);
            assertThat(json(debit).get("balance").asLong()).isEqualTo(380);
            assertThatThrownBy(() -> plain.withClient(plain.client, "http").get("/healthz", null).statusCode())
                .isInstanceOf(RuntimeException.class);
        }
    }

    private static void generateKeyPair(Path store) throws IOException, InterruptedException {
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "edge", "-keyalg", "EC",
            "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
            "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
            "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
            .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
        return file;
    }

    private static HttpClient trusting(Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("edge", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context)
            .connectTimeout(Duration.ofSeconds(5)).build();
    }
}
