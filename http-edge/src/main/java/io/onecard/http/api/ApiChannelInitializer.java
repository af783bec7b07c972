package io.onecard.http.api;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.onecard.http.HttpEdgeConfig;
import io.onecard.http.site.CardSite;
import java.util.concurrent.TimeUnit;

/**
 * Builds each accepted connection's pipeline, after counting it against the connection limit:
 *
 * <pre>
 *   [TLS] -> request deadline -> idle timeout -> HTTP/1.1 codec (line and header limits)
 *         -> body limit -> exchange handler (keep-alive, pipelining, answers in order; the site's paths to
 *            the card site, the rest to the API)
 * </pre>
 *
 * A connection over the limit is closed before any byte is read from it.
 */
final class ApiChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final HttpEdgeConfig config;
    private final SslContext tls;
    private final SettlementApi api;
    private final CardSite site;
    private final ApiMetrics metrics;

    ApiChannelInitializer(HttpEdgeConfig config, SslContext tls, SettlementApi api, CardSite site,
                          ApiMetrics metrics) {
        this.config = config;
        this.tls = tls;
        this.api = api;
        this.site = site;
        this.metrics = metrics;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (!metrics.tryOpenConnection(config.maxConnections())) {
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> metrics.connectionClosed());
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
        }
        RequestDeadline deadline = new RequestDeadline(config.readTimeout().toNanos());
        pipeline.addLast("deadline", deadline);
        pipeline.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS));
        pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
            .setMaxInitialLineLength(config.maxUriBytes())
            .setMaxHeaderSize(config.maxHeaderBytes())
            .setMaxChunkSize(config.maxBodyBytes())));
        pipeline.addLast("body", new BodyLimit(config.maxBodyBytes()));
        pipeline.addLast("api", new ExchangeHandler(api, site, metrics, deadline, config.maxPipelinedRequests()));
    }
}
