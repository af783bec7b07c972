package io.onecard.http.site;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the cyber card site.
 *
 * @param dataDir the data directory; e-mail goes to {@code outbox/} in it when no SMTP host is set
 * @param smtpHost the SMTP server, or {@code null} to write each message as an {@code .eml} file instead
 * @param smtpPort the SMTP server's port
 * @param mailFrom the sender address of the site's e-mail
 * @param maxPendingOrders orders waiting for payment at most; one more is refused until some are paid or
 *     expire
 * @param secureCookie true to mark the session cookie {@code Secure} (set it when the server speaks TLS)
 */
public record SiteConfig(Path dataDir, String smtpHost, int smtpPort, String mailFrom, int maxPendingOrders,
                         boolean secureCookie) {

    public SiteConfig {
        Objects.requireNonNull(dataDir, "data dir");
        Objects.requireNonNull(mailFrom, "mail from");
        if (smtpPort < 1 || smtpPort > 65_535) {
            throw new IllegalArgumentException("SMTP port must be 1..65535");
        }
        if (maxPendingOrders < 1) {
            throw new IllegalArgumentException("max pending orders must be >= 1");
        }
    }

    /** No SMTP (the outbox), sender {@code cards@onecard.invalid}, 10,000 pending orders, plain cookie. */
    public static SiteConfig defaults(Path dataDir) {
        return new SiteConfig(dataDir, null, 25, "cards@onecard.invalid", 10_000, false);
    }

    /** The same settings with an SMTP server. */
    public SiteConfig withSmtp(String host, int port) {
        return new SiteConfig(dataDir, host, port, mailFrom, maxPendingOrders, secureCookie);
    }

    /** The same settings with the session cookie marked {@code Secure} or not. */
    public SiteConfig withSecureCookie(boolean secure) {
        return new SiteConfig(dataDir, smtpHost, smtpPort, mailFrom, maxPendingOrders, secure);
    }
}
