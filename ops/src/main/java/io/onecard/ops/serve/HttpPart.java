package io.onecard.ops.serve;

import io.micrometer.core.instrument.MeterRegistry;
import io.onecard.core.OneCardCore;
import io.onecard.http.CoreAccess;
import io.onecard.http.HttpEdgeConfig;
import io.onecard.http.LiveAuditor;
import io.onecard.http.api.SettlementServer;
import io.onecard.http.site.CardSite;
import io.onecard.http.site.SiteConfig;
import io.onecard.ops.config.ApiKeys;
import io.onecard.ops.config.OneCardConfig;
import java.net.URI;

/**
 * The HTTP edge in the server, with the configured limits: the settlement API, {@code /healthz} and
 * {@code /metrics} (the shared Prometheus registry), the live audit ({@code POST /v1/admin/audit}) and the
 * cyber card site (payments by the sandbox, or by the configured hosted checkout and its signed webhook;
 * e-mail over SMTP when a host is set, otherwise to the data directory's outbox) on {@code bind:http.port},
 * HTTPS when a certificate and key are configured.
 */
final class HttpPart implements ServerPart {
    private final OneCardConfig config;
    private final SettlementServer server;
    private final CardSite site;
    private URI localEndpoint;

    HttpPart(OneCardConfig config, OneCardCore core, ApiKeys keys, MeterRegistry registry) {
        this.config = config;
        HttpEdgeConfig edge = config.withHttpLimits(HttpEdgeConfig.defaults(keys.adminKey(),
            keys.gatewayKey()).withBind(config.bind(), config.httpPort()));
        if (config.httpTlsCertificate().isPresent()) {
            edge = edge.withTls(config.httpTlsCertificate().get(), config.httpTlsKey().orElseThrow());
        }
        SiteConfig siteConfig = SiteConfig.defaults(config.dataDir())
            .withSecureCookie(config.httpTlsCertificate().isPresent());
        if (config.smtpHost().isPresent()) {
            siteConfig = siteConfig.withSmtp(config.smtpHost().get(), config.smtpPort());
        }
        CoreAccess access = CoreAccess.of(core);
        this.site = config.hostedCheckout().isPresent()
            ? CardSite.withHostedCheckout(siteConfig, access, config.hostedCheckout().get())
            : CardSite.withSandbox(siteConfig, access);
        if (config.lowBalanceNoticeMinor() > 0) {
            site.noticeLowBalances(config.lowBalanceNoticeMinor());
        }
        this.server = new SettlementServer(edge, access, registry, site, LiveAuditor.of(core));
    }

    @Override
    public String name() {
        return ServerPartNames.HTTP;
    }

    @Override
    public String start() {
        int port = server.start();
        String scheme = config.httpTlsCertificate().isPresent() ? "https" : "http";
        localEndpoint = URI.create(scheme + "://" + hostForUri(localHost(config.bind())) + ":" + port);
        return scheme + "://" + hostForUri(config.bind()) + ":" + port;
    }

    /** Where a client on this machine reaches the API: the bind address, or loopback for a wildcard. */
    URI localEndpoint() {
        return localEndpoint;
    }

    private static String localHost(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1" : bind;
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        server.close();
        site.close();
    }
}
