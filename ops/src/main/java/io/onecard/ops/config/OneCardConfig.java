package io.onecard.ops.config;

import io.onecard.core.CoreConfig;
import io.onecard.core.ledger.Command;
import io.onecard.core.ring.Durability;
import io.onecard.http.HttpEdgeConfig;
import io.onecard.http.site.HostedCheckout;
import io.onecard.sip.SipEdgeConfig;
import io.onecard.sip.rating.RateTable;
import java.nio.file.Files;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The checked configuration of one OneCard process: every {@link Setting}, typed and within its limits.
 * An instance only exists when every value was accepted, so the server and the CLI never start half
 * configured. {@link #effectiveSettings()} lists every value and its source with secrets hidden.
 */
public final class OneCardConfig {
    /** Most demo cards issued on a first start. */
    public static final int MAX_DEMO_CARDS = 10;
    /** Shortest API key accepted: shorter ones are guessable. */
    public static final int MIN_KEY_LENGTH = 16;
    /** Longest API key accepted. */
    public static final int MAX_KEY_LENGTH = 256;

    private static final Pattern API_KEY = Pattern.compile("[\\x21-\\x7E]{" + MIN_KEY_LENGTH + "," + MAX_KEY_LENGTH
        + "}");
    private static final Pattern SIP_URI = Pattern.compile("sip:[A-Za-z0-9.\\-\\[\\]:]{1,253}(;[!-~]{0,200})?");
    private static final Pattern ISSUER_PREFIX = Pattern.compile("[1-9][0-9]{0,7}");
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("[\\x21-\\x7E]{" + HostedCheckout.MIN_SECRET_BYTES
        + "," + HostedCheckout.MAX_SECRET_BYTES + "}");

    private final Map<Setting, ConfigValue> values;
    private final Path dataDir;
    private final String bind;
    private final int httpPort;
    private final int sipPort;
    private final Optional<String> sipGateway;
    private final Optional<Path> ratesFile;
    private final Optional<Path> httpTlsCertificate;
    private final Optional<Path> httpTlsKey;
    private final UnaryOperator<HttpEdgeConfig> httpLimits;
    private final Optional<String> adminKey;
    private final Optional<String> gatewayKey;
    private final Optional<String> smtpHost;
    private final int smtpPort;
    private final LogFormat logFormat;
    private final int demoCards;
    private final long lowBalanceNoticeMinor;
    private final int sipMaxCalls;
    private final Optional<HostedCheckout> hostedCheckout;
    private final Duration sipRingTimeout;
    private final Duration sipHoldMargin;
    private final CoreConfig core;

    private OneCardConfig(Map<Setting, ConfigValue> values, SettingReader reader) {
        this.values = Map.copyOf(values);
        this.dataDir = reader.path(Setting.DATA_DIR);
        this.bind = reader.host(Setting.BIND);
        this.httpPort = reader.port(Setting.HTTP_PORT, 0);
        this.sipPort = reader.port(Setting.SIP_PORT, 1);
        this.sipGateway = reader.optional(Setting.SIP_GATEWAY).map(gateway -> reader.matching(Setting.SIP_GATEWAY,
            SIP_URI, "a SIP URI such as sip:127.0.0.1:5080"));
        this.ratesFile = reader.optionalPath(Setting.RATES_FILE);
        this.httpTlsCertificate = reader.optionalPath(Setting.HTTP_TLS_CERTIFICATE);
        this.httpTlsKey = reader.optionalPath(Setting.HTTP_TLS_KEY);
        this.httpLimits = HttpLimits.read(reader);
        this.adminKey = reader.optional(Setting.ADMIN_KEY).map(key -> apiKey(reader, Setting.ADMIN_KEY));
        this.gatewayKey = reader.optional(Setting.GATEWAY_KEY).map(key -> apiKey(reader, Setting.GATEWAY_KEY));
        this.smtpHost = reader.optionalHost(Setting.SMTP_HOST);
        this.smtpPort = reader.port(Setting.SMTP_PORT, 1);
        this.logFormat = LogFormat.valueOf(reader.oneOf(Setting.LOG_FORMAT, "text", "json")
            .toUpperCase(java.util.Locale.ROOT));
        this.demoCards = (int) reader.wholeNumber(Setting.DEMO_CARDS, 0, MAX_DEMO_CARDS);
        this.lowBalanceNoticeMinor = reader.wholeNumber(Setting.LOW_BALANCE_NOTICE, 0, Command.MAX_AMOUNT_MINOR);
        this.sipMaxCalls = (int) reader.wholeNumber(Setting.SIP_MAX_CALLS, 1, SipEdgeConfig.MAX_CALLS_LIMIT);
        this.hostedCheckout = readHostedCheckout(reader);
        this.sipRingTimeout = reader.duration(Setting.SIP_RING_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(10));
        this.sipHoldMargin = reader.duration(Setting.SIP_HOLD_MARGIN, Duration.ofSeconds(1), Duration.ofHours(1));
        this.core = readCore(reader, dataDir);
        checkTogether(reader);
    }

    /** Checks every value; throws {@link ConfigException} naming the first bad setting. */
    static OneCardConfig from(Map<Setting, ConfigValue> values) {
        return new OneCardConfig(values, new SettingReader(values));
    }

    /** The built-in defaults with the given data directory: for tests and tools. */
    public static OneCardConfig defaults(Path dataDir) {
        return ConfigLoader.load(null, Map.of(Setting.DATA_DIR.environmentVariable(), dataDir.toString()));
    }

    private static String apiKey(SettingReader reader, Setting setting) {
        return reader.matching(setting, API_KEY, MIN_KEY_LENGTH + " to " + MAX_KEY_LENGTH
            + " printable ASCII characters without spaces");
    }

    /**
     * The hosted checkout when {@code site.payment.provider} is {@code hosted}. Every value given is checked
     * whatever the provider; a checkout address, secret or public address given to the sandbox is refused,
     * since it would be silently unused.
     */
    private static Optional<HostedCheckout> readHostedCheckout(SettingReader reader) {
        boolean hosted = "hosted".equals(reader.oneOf(Setting.SITE_PAYMENT_PROVIDER, "sandbox", "hosted"));
        String name = reader.matching(Setting.SITE_CHECKOUT_NAME, HostedCheckout.NAME_PATTERN,
            "1 to " + HostedCheckout.MAX_NAME_CHARS + " letters, digits, spaces, '.', '_' or '-', starting with a "
            + "letter or digit");
        Optional<URI> checkoutUrl = reader.optional(Setting.SITE_CHECKOUT_URL)
            .map(text -> webAddress(reader, Setting.SITE_CHECKOUT_URL));
        Optional<String> secret = reader.optional(Setting.SITE_WEBHOOK_SECRET).map(text -> reader.matching(
            Setting.SITE_WEBHOOK_SECRET, WEBHOOK_SECRET, HostedCheckout.MIN_SECRET_BYTES + " to "
            + HostedCheckout.MAX_SECRET_BYTES + " printable ASCII characters without spaces"));
        Duration tolerance = reader.duration(Setting.SITE_WEBHOOK_TOLERANCE, Duration.ofSeconds(1),
            HostedCheckout.MAX_TOLERANCE);
        Optional<URI> publicUrl = reader.optional(Setting.SITE_PUBLIC_URL)
            .map(text -> webAddress(reader, Setting.SITE_PUBLIC_URL));
        for (Setting setting : List.of(Setting.SITE_CHECKOUT_URL, Setting.SITE_WEBHOOK_SECRET,
            Setting.SITE_PUBLIC_URL)) {
            boolean given = !reader.text(setting).isEmpty();
            if (hosted && !given) {
                throw reader.bad(setting, "must be set when site.payment.provider is hosted");
            }
            if (!hosted && given) {
                throw reader.bad(setting, "is only used when site.payment.provider is hosted");
            }
        }
        if (!hosted) {
            return Optional.empty();
        }
        return Optional.of(new HostedCheckout(name, checkoutUrl.orElseThrow(),
            secret.orElseThrow().getBytes(StandardCharsets.US_ASCII), tolerance, publicUrl.orElseThrow()));
    }

    private static URI webAddress(SettingReader reader, Setting setting) {
        String requirement = "an http or https URL with a host and without a fragment";
        try {
            URI uri = new URI(reader.required(setting));
            if (!HostedCheckout.isWebAddress(uri)) {
                throw reader.bad(setting, "must be " + requirement);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw reader.bad(setting, "must be " + requirement);
        }
    }

    private static CoreConfig readCore(SettingReader reader, Path dataDir) {
        Durability durability = Durability.parse(reader.oneOf(Setting.DURABILITY, "sync", "async"));
        int ringSize = (int) reader.wholeNumber(Setting.RING_SIZE, 64, 1L << 30);
        if (Integer.bitCount(ringSize) != 1) {
            throw reader.bad(Setting.RING_SIZE, "must be a power of two from 64 to 1073741824");
        }
        String waitStrategy = reader.oneOf(Setting.RING_WAIT_STRATEGY, "blocking", "sleeping", "yielding",
            "busy-spin");
        String issuerPrefix = reader.matching(Setting.ISSUER_PREFIX, ISSUER_PREFIX,
            "1 to 8 digits not starting with 0");
        long maxCards = reader.wholeNumber(Setting.MAX_CARDS, 16, 1_000_000_000L);
        long maxOpenHolds = reader.wholeNumber(Setting.MAX_OPEN_HOLDS, 16, 100_000_000L);
        long transactions = reader.wholeNumber(Setting.TRANSACTION_RETENTION, 16, 10_000_000_000L);
        long history = reader.wholeNumber(Setting.HISTORY_RETENTION, 16, 10_000_000_000L);
        Duration window = reader.duration(Setting.IDEMPOTENCY_WINDOW, Duration.ofSeconds(1), Duration.ofDays(366));
        long maxKeys = reader.wholeNumber(Setting.IDEMPOTENCY_MAX_KEYS, 16, 1_000_000_000L);
        Duration maxHold = reader.duration(Setting.HOLD_MAX_DURATION, Duration.ofSeconds(1), Duration.ofDays(366));
        Duration expiry = reader.duration(Setting.HOLD_EXPIRY_INTERVAL, Duration.ofMillis(10), Duration.ofHours(1));
        CoreConfig config = new CoreConfig(dataDir, durability, ringSize, waitStrategy, issuerPrefix, maxCards,
            maxOpenHolds, transactions, history, window, maxKeys, maxHold, expiry);
        try {
            return config.validate();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(null, "the ledger refuses these settings: " + e.getMessage());
        }
    }

    private void checkTogether(SettingReader reader) {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw reader.bad(Setting.DATA_DIR, "is not a directory");
        }
        requireReadable(reader, Setting.RATES_FILE, ratesFile);
        requireReadable(reader, Setting.HTTP_TLS_CERTIFICATE, httpTlsCertificate);
        requireReadable(reader, Setting.HTTP_TLS_KEY, httpTlsKey);
        if (httpTlsCertificate.isPresent() != httpTlsKey.isPresent()) {
            throw reader.bad(httpTlsKey.isPresent() ? Setting.HTTP_TLS_CERTIFICATE : Setting.HTTP_TLS_KEY,
                "must be set together with " + (httpTlsKey.isPresent() ? "http.tls.key" : "http.tls.certificate"));
        }
        if (httpPort == sipPort) {
            throw reader.bad(Setting.SIP_PORT, "must differ from http.port");
        }
        if (adminKey.isPresent() && adminKey.equals(gatewayKey)) {
            throw reader.bad(Setting.GATEWAY_KEY, "must differ from admin.key");
        }
    }

    private static void requireReadable(SettingReader reader, Setting setting, Optional<Path> file) {
        if (file.isPresent() && !(Files.isRegularFile(file.get()) && Files.isReadable(file.get()))) {
            throw reader.bad(setting, "must be a readable file");
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public String bind() {
        return bind;
    }

    public int httpPort() {
        return httpPort;
    }

    public int sipPort() {
        return sipPort;
    }

    public Optional<String> sipGateway() {
        return sipGateway;
    }

    public Optional<Path> ratesFile() {
        return ratesFile;
    }

    /**
     * The destination rates: the configured CSV, or the SIP edge's built-in demo table.
     *
     * @throws ConfigException naming {@code rates.file} and the first bad line
     */
    public RateTable loadRates() {
        if (ratesFile.isEmpty()) {
            return RateTable.demo();
        }
        try {
            return RateTable.load(ratesFile.get());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            ConfigValue value = values.get(Setting.RATES_FILE);
            throw new ConfigException(Setting.RATES_FILE, "bad rate table in rates.file (" + Setting.RATES_FILE
                .environmentVariable() + ", from " + value.source() + "): " + e.getMessage());
        }
    }

    /** The HTTPS certificate chain (PEM), when HTTPS is configured. */
    public Optional<Path> httpTlsCertificate() {
        return httpTlsCertificate;
    }

    /** The HTTPS private key (PEM, PKCS#8), when HTTPS is configured. */
    public Optional<Path> httpTlsKey() {
        return httpTlsKey;
    }

    /** The edge's settings with the configured limits (sizes, connections, timeouts, failed attempts, threads). */
    public HttpEdgeConfig withHttpLimits(HttpEdgeConfig edge) {
        return httpLimits.apply(edge);
    }

    /** The configured admin key; empty when it is to be generated or read from the data directory. */
    public Optional<String> adminKey() {
        return adminKey;
    }

    /** The configured gateway key; empty when it is to be generated or read from the data directory. */
    public Optional<String> gatewayKey() {
        return gatewayKey;
    }

    public Optional<String> smtpHost() {
        return smtpHost;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public LogFormat logFormat() {
        return logFormat;
    }

    public int demoCards() {
        return demoCards;
    }

    /** Calls in progress at once at most. */
    public int sipMaxCalls() {
        return sipMaxCalls;
    }

    /** How long the gateway may ring before the call is cancelled. */
    public Duration sipRingTimeout() {
        return sipRingTimeout;
    }

    /** How far a call's hold outlives its paid time: the longest a crashed server's call keeps credit held. */
    public Duration sipHoldMargin() {
        return sipHoldMargin;
    }

    /** The balance, in a card's minor units, below which its owner is e-mailed once; 0 for never. */
    public long lowBalanceNoticeMinor() {
        return lowBalanceNoticeMinor;
    }

    /** The hosted-checkout provider the site takes payments through; empty for the built-in sandbox. */
    public Optional<HostedCheckout> hostedCheckout() {
        return hostedCheckout;
    }

    /** The ledger's settings, checked by the core as well. */
    public CoreConfig core() {
        return core;
    }

    /** Every setting as {@code key = value (source)}, in table order, secrets replaced by a mark. */
    public List<String> effectiveSettings() {
        List<String> lines = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            ConfigValue value = values.get(setting);
            String text;
            if (setting.secret()) {
                text = value.text().isEmpty() ? "(generated or saved in the data dir)" : "(set, hidden)";
            } else {
                text = value.text().isEmpty() ? "(none)" : value.text();
            }
            lines.add(setting.key() + " = " + text + " (" + value.source() + ")");
        }
        return lines;
    }
}
