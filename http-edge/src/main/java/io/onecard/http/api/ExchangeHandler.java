package io.onecard.http.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.onecard.core.card.CardNumbers;
import io.onecard.http.site.CardSite;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's requests and answers: keep-alive, pipelining and back-pressure.
 *
 * <p>Every complete request becomes an {@link Exchange} in a queue; answers are written strictly in request
 * order as they become ready, so a pipelining client gets its responses in the order it asked. When
 * {@code maxPipelined} requests are in flight the connection stops reading until answers drain, which
 * bounds the memory one client can make the server hold. A request that cannot be read (too long, timed
 * out, malformed, too large) is answered in its place in the queue, and then the connection is closed,
 * because the rest of the stream can no longer be trusted. A request for one of the card site's paths goes
 * to the site (when the server has one), everything else to the API. Runs on the connection's event loop
 * only.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeHandler.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("io.onecard.http.access");
    /** Header names and values of every answer, made once: a {@code String} is converted on every write. */
    private static final AsciiString CONTENT_TYPE_OPTIONS = AsciiString.cached("X-Content-Type-Options");
    private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");
    private static final AsciiString JSON = AsciiString.cached(ApiResponse.JSON);

    private final SettlementApi api;
    private final CardSite site;
    private final ApiMetrics metrics;
    private final RequestDeadline deadline;
    private final int maxPipelined;
    private final ArrayDeque<Exchange> inFlight = new ArrayDeque<>();
    private ChannelHandlerContext context;
    private ReplyQueue replies;
    private InetAddress client;
    private boolean closing;

    ExchangeHandler(SettlementApi api, CardSite site, ApiMetrics metrics, RequestDeadline deadline,
                    int maxPipelined) {
        this.api = api;
        this.site = site;
        this.metrics = metrics;
        this.deadline = deadline;
        this.maxPipelined = maxPipelined;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        replies = ReplyQueue.of(ctx.channel().eventLoop());
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress address) {
            client = address.getAddress();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof FullHttpRequest request) {
                deadline.requestComplete();
                accept(ctx, request);
            } else if (message instanceof OversizedRequest oversized && !closing) {
                deadline.requestComplete();
                Exchange exchange = begin(oversized.method(), false);
                exchange.completeAndClose(ApiResponse.error(ApiError.PAYLOAD_TOO_LARGE,
                    "the body is larger than " + oversized.limitBytes() + " bytes"));
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void accept(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (closing) {
            return;
        }
        DecoderResult decoded = request.decoderResult();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Exchange exchange = begin(request.method().name(), keepAlive);
        exchange.announceKeepAlive(keepAlive && request.protocolVersion().equals(HttpVersion.HTTP_1_0));
        if (decoded.isFailure()) {
            exchange.completeAndClose(unreadable(decoded.cause()));
            return;
        }
        try {
            if (site != null && site.claims(request.uri())) {
                exchange.route(Route.SITE);
                site.handle(request, exchange.client(),
                    page -> exchange.completeLater(() -> ApiResponse.page(page.get())));
                return;
            }
            api.handle(request, exchange);
        } catch (RuntimeException failure) {
            LOG.warn("request on {} failed", exchange.route().template(), failure);
            exchange.completeAndClose(ApiResponse.error(ApiError.INTERNAL_ERROR));
        }
    }

    private Exchange begin(String method, boolean keepAlive) {
        Exchange exchange = new Exchange(this, context.channel().eventLoop(), replies, method, keepAlive, client,
            System.nanoTime());
        inFlight.add(exchange);
        if (inFlight.size() >= maxPipelined) {
            context.channel().config().setAutoRead(false);
        }
        return exchange;
    }

    private static ApiResponse unreadable(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return ApiResponse.error(ApiError.URI_TOO_LONG);
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return ApiResponse.error(ApiError.HEADERS_TOO_LARGE);
        }
        return ApiResponse.error(ApiError.INVALID_REQUEST, "malformed HTTP request");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == RequestDeadline.EXPIRED && !closing) {
            Exchange exchange = begin("-", false);
            exchange.completeAndClose(ApiResponse.error(ApiError.REQUEST_TIMEOUT));
        } else if (event instanceof IdleStateEvent && inFlight.isEmpty()) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Writes every answer at the head of the queue that is ready, in order. */
    void writeReady() {
        boolean wrote = false;
        while (!closing && !inFlight.isEmpty() && inFlight.peek().isComplete()) {
            Exchange exchange = inFlight.poll();
            boolean keepAlive = exchange.keepAlive();
            FullHttpResponse response = toHttp(exchange.response(), keepAlive, exchange.announceKeepAlive());
            log(exchange);
            wrote = true;
            if (keepAlive) {
                context.write(response, context.voidPromise());
            } else {
                closing = true;
                inFlight.clear();
                context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (wrote) {
            context.flush();
        }
        if (!closing && inFlight.size() < maxPipelined && !context.channel().config().isAutoRead()) {
            context.channel().config().setAutoRead(true);
        }
    }

    private static FullHttpResponse toHttp(ApiResponse answer, boolean keepAlive, boolean announceKeepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(),
            Unpooled.wrappedBuffer(answer.body()));
        HttpHeaders headers = response.headers();
        String contentType = answer.contentType();
        headers.set(HttpHeaderNames.CONTENT_TYPE, ApiResponse.JSON.equals(contentType) ? JSON : contentType);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        headers.set(CONTENT_TYPE_OPTIONS, NOSNIFF);
        if (!answer.headers().isEmpty()) {
            answer.headers().forEach(headers::set);
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (announceKeepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return response;
    }

    private void log(Exchange exchange) {
        int status = exchange.response().status().code();
        long nanos = System.nanoTime() - exchange.startNanos();
        metrics.recordRequest(exchange.route(), status, nanos);
        if (ACCESS.isInfoEnabled()) {
            String card = exchange.cardNumber() == CardNumbers.NONE ? "-" : CardNumbers.mask(exchange.cardNumber());
            String address = exchange.client() == null ? "-" : exchange.client().getHostAddress();
            ACCESS.info("{} {} {} {}us card={} client={}", exchange.method(), exchange.route().template(), status,
                nanos / 1000, card, address);
        }
    }

    /** Called when an answer arrived while the server was shutting down and could not be written. */
    void droppedAtShutdown() {
        LOG.debug("an answer arrived after the event loop stopped");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection from {} failed: {}", client, cause.toString());
        ctx.close();
    }
}
