package io.onecard.http.site;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onecard.core.OneCardCore;
import io.onecard.core.testing.TestConfigs;
import io.onecard.http.CoreAccess;
import io.onecard.http.HttpEdgeConfig;
import io.onecard.http.api.SettlementServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A real core in a temporary directory and a real settlement server serving the card site on an ephemeral
 * loopback port, for the tests of this package.
 */
final class SiteFixture implements AutoCloseable {
    static final String ADMIN_KEY = "admin-key-0123456789abcdef";
    static final String GATEWAY_KEY = "gateway-key-0123456789abcdef";

    final OneCardCore core;
    final CoreAccess access;
    final CardSite site;
    final SettlementServer server;
    final int port;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private SiteFixture(OneCardCore core, CoreAccess access, CardSite site, SettlementServer server, int port) {
        this.core = core;
        this.access = access;
        this.site = site;
        this.server = server;
        this.port = port;
    }

    static SiteFixture start(Path dataDir, SiteConfig config) {
        return start(dataDir, 0, access -> CardSite.withSandbox(config, access), access -> access);
    }

    /**
     * A site paid through {@code checkout}, on {@code port} (0: any free one).
     *
     * @param siteAccess what the site gets of the core: the core's own access, or one that refuses to publish
     */
    static SiteFixture startHosted(Path dataDir, SiteConfig config, HostedCheckout checkout, int port,
                                   UnaryOperator<CoreAccess> siteAccess) {
        return start(dataDir, port, access -> CardSite.withHostedCheckout(config, access, checkout), siteAccess);
    }

    private static SiteFixture start(Path dataDir, int port, Function<CoreAccess, CardSite> siteMaker,
                                     UnaryOperator<CoreAccess> siteAccess) {
        OneCardCore core = OneCardCore.open(TestConfigs.small(dataDir));
        CoreAccess access = CoreAccess.of(core);
        CardSite site = siteMaker.apply(siteAccess.apply(access));
        HttpEdgeConfig edge = HttpEdgeConfig.defaults(ADMIN_KEY, GATEWAY_KEY).withBind("127.0.0.1", port);
        SettlementServer server = new SettlementServer(edge, access, new SimpleMeterRegistry(), site);
        return new SiteFixture(core, access, site, server, server.start());
    }

    /** A free loopback port now, for a site that must know its own address before it starts. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    HttpResponse<String> postForm(String path, String cookie, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    /** How many cards the ledger holds. */
    long cardCount() {
        AtomicLong count = new AtomicLong();
        try {
            core.runOnLedger(access -> count.set(access.ledger().state().cards().size()), 10_000);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
        return count.get();
    }

    @Override
    public void close() {
        server.close();
        site.close();
        core.close();
    }
}
