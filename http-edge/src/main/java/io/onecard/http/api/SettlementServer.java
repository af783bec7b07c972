package io.onecard.http.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.onecard.core.OneCardCore;
import io.onecard.http.HttpEdgeConfig;
import io.onecard.http.CoreAccess;
import io.onecard.http.LiveAuditor;
import io.onecard.http.site.CardSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settlement server: the JSON API of the gateways and admins, on Netty, settling through the core ring.
 *
 * <p>Guarantees: an event-loop thread never waits on the ring (commands are published with a non-blocking
 * try; a full ring is answered 503 at once); answers on one connection leave in request order; every input
 * has a limit (body, request line, headers, connections, requests in flight, time to send a request, idle
 * time); nothing is published for a request that failed any check. Optional TLS from PEM files.
 *
 * <p>Life cycle: construct, {@link #start()} (binds and returns the port), {@link #close()} (stops
 * accepting, closes connections, stops the event loops). The core is not closed here: whoever opened it
 * closes it, after this server.
 */
public final class SettlementServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SettlementServer.class);
    private static final long SHUTDOWN_QUIET_MILLIS = 0;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;

    private final HttpEdgeConfig config;
    private final ApiMetrics metrics;
    private final SettlementApi api;
    private final CardSite site;
    private final AuditDesk audits;
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private Channel serverChannel;

    /** A server over the given core's ring, with the live audit of that core. */
    public SettlementServer(HttpEdgeConfig config, OneCardCore core, MeterRegistry registry) {
        this(config, CoreAccess.of(core), registry, null, LiveAuditor.of(core));
    }

    /** A server over any ledger access (for example a decorated sink). */
    public SettlementServer(HttpEdgeConfig config, CoreAccess ledger, MeterRegistry registry) {
        this(config, ledger, registry, null);
    }

    /**
     * A server that also serves the cyber card site on the same port.
     *
     * @param site the site, or {@code null} for the API alone
     */
    public SettlementServer(HttpEdgeConfig config, CoreAccess ledger, MeterRegistry registry, CardSite site) {
        this(config, ledger, registry, site, null);
    }

    /**
     * A server with the card site and the admin route {@code POST /v1/admin/audit}.
     *
     * @param site the site, or {@code null} for the API alone
     * @param auditor audits the live ledger, or {@code null} when the route is to answer 404
     */
    public SettlementServer(HttpEdgeConfig config, CoreAccess ledger, MeterRegistry registry, CardSite site,
                            LiveAuditor auditor) {
        this.config = config.validate();
        this.site = site;
        this.audits = auditor == null ? null : new AuditDesk(auditor);
        this.metrics = new ApiMetrics(registry, ledger);
        FailedAttempts failedAttempts = new FailedAttempts(config.failedAttemptLimit(),
            config.failedAttemptWindow().toNanos(), config.maxTrackedClients(), System::nanoTime);
        this.api = new SettlementApi(ledger, new ApiKeys(config.adminKey(), config.gatewayKey()), failedAttempts,
            metrics, audits);
    }

    /**
     * Binds the configured address and starts serving.
     *
     * @return the bound port (the ephemeral one when the configured port is zero)
     */
    public synchronized int start() {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        SslContext tls = config.tlsEnabled() ? tlsContext() : null;
        acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("http-accept"),
            NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("http-io"),
            NioIoHandler.newFactory());
        try {
            serverChannel = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ApiChannelInitializer(config, tls, api, site, metrics))
                .bind(new InetSocketAddress(config.bindAddress(), config.port()))
                .syncUninterruptibly()
                .channel();
        } catch (RuntimeException bindFailed) {
            stopLoops();
            throw bindFailed;
        }
        int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info("settlement API listening on {}:{}{}", config.bindAddress(), port, tls == null ? "" : " (TLS)");
        return port;
    }

    /** Open connections now. */
    public int openConnections() {
        return metrics.openConnections();
    }

    private SslContext tlsContext() {
        try {
            return SslContextBuilder.forServer(config.tlsCertificateChain().toFile(), config.tlsPrivateKey().toFile())
                .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new UncheckedIOException("cannot load the TLS certificate or key", new IOException(e));
        }
    }

    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
            LOG.info("settlement API stopped");
        }
        if (audits != null) {
            audits.close();
        }
        stopLoops();
    }

    private void stopLoops() {
        if (acceptors != null) {
            acceptors.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
            acceptors = null;
        }
        if (workers != null) {
            workers.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
            workers = null;
        }
    }
}
