package io.onecard.http.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Collects a request's body up to the limit.
 *
 * <p>A body over the limit (announced by {@code Content-Length}, or found while chunks arrive) is not
 * answered here, as Netty's aggregator would, but passed on as an {@link OversizedRequest}, so the 413 is
 * written in request order with the API's error body. The rest of that body is discarded.
 */
final class BodyLimit extends HttpObjectAggregator {
    private final int limitBytes;

    BodyLimit(int limitBytes) {
        super(limitBytes);
        this.limitBytes = limitBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String method = oversized instanceof HttpRequest request ? request.method().name() : "-";
        ctx.fireChannelRead(new OversizedRequest(method, limitBytes));
    }
}
