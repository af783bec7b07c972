package io.onecard.http.api;

import io.netty.channel.EventLoop;
import io.onecard.core.card.CardNumbers;
import java.net.InetAddress;
import java.util.function.Supplier;

/**
 * One request on a connection, from the moment it was read until its answer is written.
 *
 * <p>Answers may be ready out of order (the ledger answers each command on its own time); the connection's
 * {@link ExchangeHandler} writes them in request order. {@link #complete} runs on the connection's event
 * loop; {@link #completeLater} may be called from any thread (the ring's replier) and hands over to it
 * through the loop's {@link ReplyQueue}.
 */
final class Exchange {
    private final ExchangeHandler connection;
    private final EventLoop eventLoop;
    private final ReplyQueue replies;
    private final String method;
    private final long startNanos;
    private final boolean keepAlive;
    private final InetAddress client;
    private Route route = Route.UNMATCHED;
    private Role role;
    private long cardNumber = CardNumbers.NONE;
    private ApiResponse response;
    private boolean closeAfter;
    private boolean announceKeepAlive;
    /** Set by another thread before the exchange is queued on its loop; the queue publishes it safely. */
    private Supplier<ApiResponse> pending;

    Exchange(ExchangeHandler connection, EventLoop eventLoop, ReplyQueue replies, String method, boolean keepAlive,
             InetAddress client, long startNanos) {
        this.connection = connection;
        this.eventLoop = eventLoop;
        this.replies = replies;
        this.method = method;
        this.keepAlive = keepAlive;
        this.client = client;
        this.startNanos = startNanos;
    }

    /** Sets the answer and writes every answer that is now due. Event loop only. */
    void complete(ApiResponse answer) {
        assert eventLoop.inEventLoop();
        if (response == null) {
            response = answer;
            connection.writeReady();
        }
    }

    /** Like {@link #complete}, then closes the connection after this answer. */
    void completeAndClose(ApiResponse answer) {
        closeAfter = true;
        complete(answer);
    }

    /** Hands an answer, computed later on the event loop, over from any thread; at most once. */
    void completeLater(Supplier<ApiResponse> answer) {
        pending = answer;
        replies.offer(this);
    }

    /** Computes and writes the answer handed over by {@link #completeLater}. Event loop only. */
    void completePending() {
        Supplier<ApiResponse> answer = pending;
        pending = null;
        complete(answer.get());
    }

    /** The answer could not be handed over: the event loop has stopped. */
    void droppedAtShutdown() {
        connection.droppedAtShutdown();
    }

    boolean isComplete() {
        return response != null;
    }

    ApiResponse response() {
        return response;
    }

    boolean keepAlive() {
        return keepAlive && !closeAfter;
    }

    /** True when the answer must say {@code Connection: keep-alive} (an HTTP/1.0 client that asked for it). */
    boolean announceKeepAlive() {
        return announceKeepAlive;
    }

    void announceKeepAlive(boolean value) {
        announceKeepAlive = value;
    }

    String method() {
        return method;
    }

    long startNanos() {
        return startNanos;
    }

    InetAddress client() {
        return client;
    }

    Route route() {
        return route;
    }

    void route(Route value) {
        route = value;
    }

    /** The role of the request's key, once checked; {@code null} before or without a key. */
    Role role() {
        return role;
    }

    void role(Role value) {
        role = value;
    }

    /** The card the request named, for the access log (masked there); {@link CardNumbers#NONE} if none. */
    long cardNumber() {
        return cardNumber;
    }

    void cardNumber(long value) {
        cardNumber = value;
    }
}
