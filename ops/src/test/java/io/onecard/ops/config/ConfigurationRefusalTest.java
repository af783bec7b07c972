package io.onecard.ops.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.ops.cli.ExitCodes;
import io.onecard.ops.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad value is refused at start, with a message naming the setting, and exit code 78. */
class ConfigurationRefusalTest {
    @TempDir
    Path dir;

    static Stream<Arguments> badValues() {
        return Stream.of(
            Arguments.of(Setting.HTTP_PORT, "abc"),
            Arguments.of(Setting.HTTP_PORT, "65536"),
            Arguments.of(Setting.HTTP_PORT, "-1"),
            Arguments.of(Setting.SIP_PORT, "0"),
            Arguments.of(Setting.SIP_PORT, "70000"),
            Arguments.of(Setting.SIP_GATEWAY, "http://example.org"),
            Arguments.of(Setting.SIP_MAX_CALLS, "0"),
            Arguments.of(Setting.SIP_MAX_CALLS, "2000000"),
            Arguments.of(Setting.SIP_RING_TIMEOUT, "500ms"),
            Arguments.of(Setting.SIP_RING_TIMEOUT, "11m"),
            Arguments.of(Setting.SIP_HOLD_MARGIN, "0s"),
            Arguments.of(Setting.SIP_HOLD_MARGIN, "2h"),
            Arguments.of(Setting.RATES_FILE, "/no/such/rates.csv"),
            Arguments.of(Setting.ADMIN_KEY, "short"),
            Arguments.of(Setting.GATEWAY_KEY, "has spaces in the middle of it"),
            Arguments.of(Setting.DURABILITY, "fast"),
            Arguments.of(Setting.SMTP_HOST, "mail host"),
            Arguments.of(Setting.SMTP_PORT, "0"),
            Arguments.of(Setting.BIND, "not an/address"),
            Arguments.of(Setting.LOG_FORMAT, "xml"),
            Arguments.of(Setting.RING_SIZE, "1000"),
            Arguments.of(Setting.RING_SIZE, "32"),
            Arguments.of(Setting.RING_WAIT_STRATEGY, "spin"),
            Arguments.of(Setting.ISSUER_PREFIX, "0123"),
            Arguments.of(Setting.ISSUER_PREFIX, "123456789"),
            Arguments.of(Setting.MAX_CARDS, "15"),
            Arguments.of(Setting.MAX_CARDS, "1e6"),
            Arguments.of(Setting.MAX_OPEN_HOLDS, "99999999999"),
            Arguments.of(Setting.TRANSACTION_RETENTION, "ten"),
            Arguments.of(Setting.HISTORY_RETENTION, "1"),
            Arguments.of(Setting.IDEMPOTENCY_WINDOW, "0s"),
            Arguments.of(Setting.IDEMPOTENCY_WINDOW, "1 day"),
            Arguments.of(Setting.IDEMPOTENCY_MAX_KEYS, "99999999999999999999999"),
            Arguments.of(Setting.HOLD_MAX_DURATION, "400d"),
            Arguments.of(Setting.HOLD_EXPIRY_INTERVAL, "5ms"),
            Arguments.of(Setting.DEMO_CARDS, "11"),
            Arguments.of(Setting.LOW_BALANCE_NOTICE, "-1"),
            Arguments.of(Setting.LOW_BALANCE_NOTICE, "5.00"),
            Arguments.of(Setting.HTTP_MAX_BODY_BYTES, "1023"),
            Arguments.of(Setting.HTTP_MAX_BODY_BYTES, "16k"),
            Arguments.of(Setting.HTTP_MAX_BODY_BYTES, "16777217"),
            Arguments.of(Setting.HTTP_MAX_URI_BYTES, "255"),
            Arguments.of(Setting.HTTP_MAX_URI_BYTES, "65537"),
            Arguments.of(Setting.HTTP_MAX_HEADER_BYTES, "1000"),
            Arguments.of(Setting.HTTP_MAX_HEADER_BYTES, "eight"),
            Arguments.of(Setting.HTTP_MAX_CONNECTIONS, "0"),
            Arguments.of(Setting.HTTP_MAX_CONNECTIONS, "1000001"),
            Arguments.of(Setting.HTTP_MAX_PIPELINED_REQUESTS, "0"),
            Arguments.of(Setting.HTTP_MAX_PIPELINED_REQUESTS, "1025"),
            Arguments.of(Setting.HTTP_IDLE_TIMEOUT, "0s"),
            Arguments.of(Setting.HTTP_IDLE_TIMEOUT, "60"),
            Arguments.of(Setting.HTTP_IDLE_TIMEOUT, "2d"),
            Arguments.of(Setting.HTTP_READ_TIMEOUT, "50ms"),
            Arguments.of(Setting.HTTP_READ_TIMEOUT, "ten seconds"),
            Arguments.of(Setting.HTTP_FAILED_ATTEMPT_LIMIT, "0"),
            Arguments.of(Setting.HTTP_FAILED_ATTEMPT_LIMIT, "-5"),
            Arguments.of(Setting.HTTP_FAILED_ATTEMPT_WINDOW, "500ms"),
            Arguments.of(Setting.HTTP_FAILED_ATTEMPT_WINDOW, "PT"),
            Arguments.of(Setting.HTTP_MAX_TRACKED_CLIENTS, "15"),
            Arguments.of(Setting.HTTP_MAX_TRACKED_CLIENTS, "10000001"),
            Arguments.of(Setting.HTTP_IO_THREADS, "257"),
            Arguments.of(Setting.HTTP_IO_THREADS, "two"),
            Arguments.of(Setting.SITE_PAYMENT_PROVIDER, "stripe"),
            Arguments.of(Setting.SITE_CHECKOUT_NAME, "<b>Pay</b>"),
            Arguments.of(Setting.SITE_CHECKOUT_NAME, "a name much longer than the forty characters shown"),
            Arguments.of(Setting.SITE_CHECKOUT_URL, "ftp://pay.example.com/checkout"),
            Arguments.of(Setting.SITE_CHECKOUT_URL, "https://pay.example.com/checkout#top"),
            Arguments.of(Setting.SITE_CHECKOUT_URL, "pay.example.com/checkout"),
            Arguments.of(Setting.SITE_WEBHOOK_SECRET, "short-secret"),
            Arguments.of(Setting.SITE_WEBHOOK_SECRET, "a secret with spaces in it, long enough"),
            Arguments.of(Setting.SITE_WEBHOOK_TOLERANCE, "0s"),
            Arguments.of(Setting.SITE_WEBHOOK_TOLERANCE, "2h"),
            Arguments.of(Setting.SITE_PUBLIC_URL, "cards.example.org"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void shouldRefuseBadEnvironmentValueNamingTheSetting(Setting setting, String value) {
        Cli.Run run = Cli.on(dir.resolve("data")).with(setting.environmentVariable(), value).run("config");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains(setting.key()).contains(setting.environmentVariable())
            .contains("from environment");
        assertThat(run.out()).doesNotContain("configuration accepted");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void shouldRefuseBadFileValueNamingTheSettingAndLine(Setting setting, String value) throws IOException {
        Path file = Files.writeString(dir.resolve("onecard.conf"), "# test\n" + setting.key() + " = " + value + "\n");

        Cli.Run run = Cli.bare(dir.resolve("data")).run("--config", file.toString(), "config");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains(setting.key()).contains("onecard.conf:2");
    }

    @Test
    void shouldNeverRepeatASecretValueInTheRefusal() {
        Cli.Run run = Cli.on(dir.resolve("data")).with("ONECARD_ADMIN_KEY", "tiny-secret").run("config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("admin.key").doesNotContain("tiny-secret");
    }

    @Test
    void shouldRefuseUnknownKeyInFile() throws IOException {
        Path file = Files.writeString(dir.resolve("onecard.conf"), "http.port = 8081\nhttp.prot = 8082\n");

        Cli.Run run = Cli.on(dir.resolve("data")).run("--config", file.toString(), "config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("onecard.conf:2").contains("unknown setting 'http.prot'");
    }

    @Test
    void shouldRefuseUnknownOneCardEnvironmentVariable() {
        Cli.Run run = Cli.on(dir.resolve("data")).with("ONECARD_HTTP_PROT", "8081").run("config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("ONECARD_HTTP_PROT");
    }

    @Test
    void shouldRefuseKeyGivenTwiceAndLineWithoutEquals() throws IOException {
        Path twice = Files.writeString(dir.resolve("twice.conf"), "bind = 0.0.0.0\n\nbind = 127.0.0.1\n");
        Path malformed = Files.writeString(dir.resolve("malformed.conf"), "http.port 8081\n");

        Cli.Run first = Cli.on(dir.resolve("data")).run("--config", twice.toString(), "config");
        Cli.Run second = Cli.on(dir.resolve("data")).run("config", "--config", malformed.toString());

        assertThat(first.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(first.err()).contains("twice.conf:3").contains("already set on line 1");
        assertThat(second.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(second.err()).contains("malformed.conf:1").contains("key = value");
    }

    @Test
    void shouldRefuseMissingConfigFile() {
        Cli.Run run = Cli.on(dir.resolve("data")).run("--config", dir.resolve("absent.conf").toString(), "config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("absent.conf");
    }

    @Test
    void shouldRefuseSipPortEqualToHttpPort() {
        Cli.Run run = Cli.on(dir.resolve("data")).with("ONECARD_HTTP_PORT", "5070").with("ONECARD_SIP_PORT", "5070")
            .run("config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("sip.port").contains("must differ from http.port");
    }

    @Test
    void shouldRefuseHttpsCertificateWithoutKey() throws IOException {
        Path certificate = Files.writeString(dir.resolve("edge.crt"), "not checked here\n");

        Cli.Run run = Cli.on(dir.resolve("data")).with("ONECARD_HTTP_TLS_CERTIFICATE", certificate.toString())
            .run("config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("http.tls.key").contains("ONECARD_HTTP_TLS_KEY");
    }

    @Test
    void shouldRefuseEqualAdminAndGatewayKeys() {
        Cli.Run run = Cli.on(dir.resolve("data")).with("ONECARD_ADMIN_KEY", "same-key-0123456789")
            .with("ONECARD_GATEWAY_KEY", "same-key-0123456789").run("config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("gateway.key").contains("must differ from admin.key");
    }

    @Test
    void shouldRefuseAHostedCheckoutWithoutItsUrlSecretOrPublicAddress() {
        Cli.Run noUrl = hosted().with("ONECARD_SITE_CHECKOUT_URL", "").run("config");
        Cli.Run noSecret = hosted().with("ONECARD_SITE_WEBHOOK_SECRET", "").run("config");
        Cli.Run noPublicUrl = hosted().with("ONECARD_SITE_PUBLIC_URL", "").run("config");

        assertThat(noUrl.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(noUrl.err()).contains("site.checkout.url").contains("must be set when site.payment.provider is "
            + "hosted");
        assertThat(noSecret.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(noSecret.err()).contains("site.webhook.secret").contains("must be set");
        assertThat(noPublicUrl.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(noPublicUrl.err()).contains("site.public.url").contains("must be set");
    }

    @Test
    void shouldRefuseCheckoutSettingsThatTheSandboxWouldLeaveUnused() {
        Cli.Run run = Cli.on(dir.resolve("data")).with("ONECARD_SITE_CHECKOUT_URL", "https://pay.example.com/c")
            .run("config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("site.checkout.url").contains("only used when site.payment.provider is "
            + "hosted");
    }

    @Test
    void shouldAcceptACompleteHostedCheckoutAndHideItsSecret() {
        Cli.Run run = hosted().run("config");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("site.payment.provider = hosted (environment)")
            .contains("site.checkout.name = Example Pay (environment)")
            .contains("site.webhook.secret = (set, hidden)")
            .contains("site.webhook.tolerance = 5m (default)")
            .doesNotContain("whsec-0123456789abcdef");
    }

    private Cli hosted() {
        return Cli.on(dir.resolve("data")).with("ONECARD_SITE_PAYMENT_PROVIDER", "hosted")
            .with("ONECARD_SITE_CHECKOUT_NAME", "Example Pay")
            .with("ONECARD_SITE_CHECKOUT_URL", "https://pay.example.com/checkout")
            .with("ONECARD_SITE_WEBHOOK_SECRET", "whsec-0123456789abcdef")
            .with("ONECARD_SITE_PUBLIC_URL", "https://cards.example.org");
    }

    @Test
    void shouldLetEnvironmentOverrideFileAndFileOverrideDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("onecard.conf"), "http.port = 9001\nsip.port = 9002\n"
            + "idempotency.window = 2h\nadmin.key = file-admin-key-0123456789\n");

        Cli.Run run = Cli.bare(dir.resolve("data")).with("ONECARD_HTTP_PORT", "9101")
            .run("--config", file.toString(), "config");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("http.port = 9101 (environment)")
            .contains("sip.port = 9002 (onecard.conf:2)")
            .contains("idempotency.window = 2h (onecard.conf:3)")
            .contains("durability = sync (default)")
            .contains("admin.key = (set, hidden)")
            .doesNotContain("file-admin-key-0123456789");
    }

    @Test
    void shouldAcceptEveryDefault() {
        OneCardConfig config = OneCardConfig.defaults(dir.resolve("data"));

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.sipPort()).isEqualTo(5060);
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.sipGateway()).isEmpty();
        assertThat(config.core()).isEqualTo(io.onecard.core.CoreConfig.defaults(dir.resolve("data")));
    }
}
