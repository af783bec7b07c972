package io.onecard.ops.config;

import io.onecard.core.CoreConfig;
import io.onecard.http.HttpEdgeConfig;
import java.util.Locale;

/**
 * Every setting OneCard reads at start, with its config-file key, its environment variable and its built-in
 * default. This list is the whole configuration surface: a key or an {@code ONECARD_} variable that is not
 * here is refused, so that a typo never silently leaves a default in force.
 *
 * <p>The environment variable of a key is {@code ONECARD_} followed by the key in upper case with dots
 * replaced by underscores ({@code http.port} is {@code ONECARD_HTTP_PORT}).
 */
public enum Setting {
    DATA_DIR("data.dir", "./data", false, "journal, card stores, API keys, outbox, call records"),
    BIND("bind", "127.0.0.1", false, "address the HTTP and SIP servers listen on"),
    HTTP_PORT("http.port", "8080", false, "settlement API and card site (0 picks a free port)"),
    HTTP_TLS_CERTIFICATE("http.tls.certificate", "", false, "PEM certificate chain; with http.tls.key: HTTPS only"),
    HTTP_TLS_KEY("http.tls.key", "", false, "PEM PKCS#8 private key (unencrypted) for HTTPS"),
    HTTP_MAX_BODY_BYTES("http.max.body.bytes", HttpDefaults.text(HttpEdgeConfig::maxBodyBytes), false,
        "largest request body in bytes (1024 to 16777216); larger ones get 413"),
    HTTP_MAX_URI_BYTES("http.max.uri.bytes", HttpDefaults.text(HttpEdgeConfig::maxUriBytes), false,
        "longest request line in bytes (256 to 65536); longer ones get 414"),
    HTTP_MAX_HEADER_BYTES("http.max.header.bytes", HttpDefaults.text(HttpEdgeConfig::maxHeaderBytes), false,
        "largest header block in bytes (1024 to 65536); larger ones get 431"),
    HTTP_MAX_CONNECTIONS("http.max.connections", HttpDefaults.text(HttpEdgeConfig::maxConnections), false,
        "open connections at most (1 to 1000000); one more is closed at once"),
    HTTP_MAX_PIPELINED_REQUESTS("http.max.pipelined.requests",
        HttpDefaults.text(HttpEdgeConfig::maxPipelinedRequests), false,
        "requests in flight on one connection before it is no longer read (1 to 1024)"),
    HTTP_IDLE_TIMEOUT("http.idle.timeout", HttpDefaults.text(HttpEdgeConfig::idleTimeout), false,
        "a connection without traffic and nothing in flight is closed after this (1s to 1d)"),
    HTTP_READ_TIMEOUT("http.read.timeout", HttpDefaults.text(HttpEdgeConfig::readTimeout), false,
        "a request must arrive whole within this of its first byte, else 408 (100ms to 1h)"),
    HTTP_FAILED_ATTEMPT_LIMIT("http.failed.attempt.limit", HttpDefaults.text(HttpEdgeConfig::failedAttemptLimit),
        false, "failed card or PIN attempts per client address and window before 429 (1 to 1000000)"),
    HTTP_FAILED_ATTEMPT_WINDOW("http.failed.attempt.window",
        HttpDefaults.text(HttpEdgeConfig::failedAttemptWindow), false,
        "the window over which failed attempts are counted (1s to 1d)"),
    HTTP_MAX_TRACKED_CLIENTS("http.max.tracked.clients", HttpDefaults.text(HttpEdgeConfig::maxTrackedClients),
        false, "client addresses the failed-attempt table remembers at most (16 to 10000000)"),
    HTTP_IO_THREADS("http.io.threads", HttpDefaults.text(HttpEdgeConfig::ioThreads), false,
        "HTTP event-loop threads (0 to 256); 0: Netty's default, two per core"),
    SIP_PORT("sip.port", "5060", false, "SIP, UDP and TCP"),
    SIP_GATEWAY("sip.gateway", "", false, "where answered calls go, e.g. sip:127.0.0.1:5080; empty: calls get 503"),
    SIP_MAX_CALLS("sip.max.calls", "10000", false, "calls in progress at once at most; one more gets 503"),
    SIP_RING_TIMEOUT("sip.ring.timeout", "2m", false, "how long the gateway may ring before the call is cancelled"),
    SIP_HOLD_MARGIN("sip.hold.margin", "30s", false,
        "how far a call's hold outlives its paid time, so that the holds of a crashed server's calls expire"),
    RATES_FILE("rates.file", "", false, "destination rates CSV; empty: the built-in demo table"),
    ADMIN_KEY("admin.key", "", true, "admin API key; empty: generated on first start and saved in the data dir"),
    GATEWAY_KEY("gateway.key", "", true, "gateway API key; empty: generated like the admin key"),
    DURABILITY("durability", CoreDefaults.text(CoreConfig::durability), false,
        "sync (journal forced before replies) or async"),
    SMTP_HOST("smtp.host", "", false, "mail server; empty: e-mails are written to <data dir>/outbox/"),
    SMTP_PORT("smtp.port", "25", false, "mail server port, used when smtp.host is set"),
    LOW_BALANCE_NOTICE("notice.low.balance", "500", false,
        "e-mail a card's owner once when a charge takes its balance below this many minor units; 0: never"),
    SITE_PAYMENT_PROVIDER("site.payment.provider", "sandbox", false,
        "sandbox (test cards, no money moves) or hosted (buyers pay on site.checkout.url)"),
    SITE_CHECKOUT_NAME("site.checkout.name", "hosted checkout", false,
        "the hosted provider's name on every page: 1 to 40 letters, digits, spaces, '.', '_' or '-'"),
    SITE_CHECKOUT_URL("site.checkout.url", "", false, "the hosted provider's checkout page (http or https); "
        + "needed with hosted"),
    SITE_WEBHOOK_SECRET("site.webhook.secret", "", true, "the secret the provider signs its webhook with "
        + "(16 to 256 printable ASCII characters); needed with hosted"),
    SITE_WEBHOOK_TOLERANCE("site.webhook.tolerance", "5m", false,
        "how far a webhook's timestamp may be from this server's clock, either way (1s to 1h)"),
    SITE_PUBLIC_URL("site.public.url", "", false, "the site's address as buyers reach it, where the provider "
        + "sends them back, e.g. https://cards.example.org; needed with hosted"),
    LOG_FORMAT("log.format", "text", false, "text or json (one JSON object per line)"),
    RING_SIZE("ring.size", CoreDefaults.text(CoreConfig::ringSize), false,
        "slots in the command ring, a power of two >= 64"),
    RING_WAIT_STRATEGY("ring.wait.strategy", CoreDefaults.text(CoreConfig::waitStrategy), false,
        "blocking, sleeping, yielding or busy-spin"),
    ISSUER_PREFIX("issuer.prefix", CoreDefaults.text(CoreConfig::issuerPrefix), false,
        "digits every new card number begins with (1 to 8)"),
    MAX_CARDS("ledger.max.cards", CoreDefaults.text(CoreConfig::maxCards), false, "cards the card store is sized for"),
    MAX_OPEN_HOLDS("ledger.max.open.holds", CoreDefaults.text(CoreConfig::maxOpenHolds), false,
        "holds open at once at most"),
    TRANSACTION_RETENTION("ledger.transaction.retention", CoreDefaults.text(CoreConfig::transactionRetention), false,
        "recent holds and charges kept for capture, void and refund"),
    HISTORY_RETENTION("ledger.history.retention", CoreDefaults.text(CoreConfig::historyRetention), false,
        "recent history entries kept, all cards"),
    IDEMPOTENCY_WINDOW("idempotency.window", CoreDefaults.text(CoreConfig::idempotencyWindow), false,
        "how long an idempotency key is remembered at least"),
    IDEMPOTENCY_MAX_KEYS("idempotency.max.keys", CoreDefaults.text(CoreConfig::idempotencyMaxKeys), false,
        "idempotency keys remembered at most"),
    HOLD_MAX_DURATION("hold.max.duration", CoreDefaults.text(CoreConfig::maxHoldDuration), false,
        "the longest a hold may run before it expires"),
    HOLD_EXPIRY_INTERVAL("hold.expiry.interval", CoreDefaults.text(CoreConfig::expiryInterval), false,
        "how often due holds are expired"),
    DEMO_CARDS("demo.cards", "3", false, "demo cards issued on the first start (0 to 10)");

    private static final String ENVIRONMENT_PREFIX = "ONECARD_";

    private final String key;
    private final String defaultText;
    private final boolean secret;
    private final String description;

    Setting(String key, String defaultText, boolean secret, String description) {
        this.key = key;
        this.defaultText = defaultText;
        this.secret = secret;
        this.description = description;
    }

    /** The key in a config file, e.g. {@code http.port}. */
    public String key() {
        return key;
    }

    /** The environment variable that overrides the file, e.g. {@code ONECARD_HTTP_PORT}. */
    public String environmentVariable() {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The built-in default, as it would be written in a config file; empty means "none". */
    public String defaultText() {
        return defaultText;
    }

    /** True for values that are never logged or printed in the effective configuration. */
    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    /** The setting with this config-file key, or {@code null}. */
    public static Setting ofKey(String key) {
        for (Setting setting : values()) {
            if (setting.key.equals(key)) {
                return setting;
            }
        }
        return null;
    }

    /** The setting with this environment variable, or {@code null}. */
    public static Setting ofEnvironmentVariable(String name) {
        for (Setting setting : values()) {
            if (setting.environmentVariable().equals(name)) {
                return setting;
            }
        }
        return null;
    }

    /** True for names that start like a OneCard variable, so that unknown ones can be refused. */
    public static boolean looksLikeOneCardVariable(String name) {
        return name.startsWith(ENVIRONMENT_PREFIX);
    }
}
