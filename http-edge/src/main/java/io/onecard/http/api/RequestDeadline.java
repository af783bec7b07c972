package io.onecard.http.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives each request a deadline to arrive whole, counted from its first byte.
 *
 * <p>An idle timeout alone does not stop a slow client that sends one byte every few seconds; this does.
 * Sits in front of the HTTP decoder and sees raw bytes: the first bytes read while no deadline runs start
 * one, and {@link #requestComplete()} (called when a whole request was decoded) stops it. When it expires,
 * {@link #EXPIRED} travels up the pipeline so that the exchange handler answers 408 in its place in the
 * response order, then closes. Runs on the connection's event loop only.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {
    /** The event fired when a request did not arrive in time. */
    static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "RequestDeadline.EXPIRED";
        }
    };

    private final long timeoutNanos;
    private ScheduledFuture<?> deadline;
    private boolean expired;

    RequestDeadline(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (deadline == null && !expired) {
            deadline = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelRead(message);
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        expired = true;
        ctx.fireUserEventTriggered(EXPIRED);
    }

    /** The request whose bytes started the deadline has arrived whole. */
    void requestComplete() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        requestComplete();
        ctx.fireChannelInactive();
    }
}
