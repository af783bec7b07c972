package io.onecard.http.api;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The answers waiting to be written on one event loop, handed over from other threads (the ring thread,
 * the site's and the audit's workers) in bursts.
 *
 * <pre>
 *   ring thread: exchange.pending = answer; queue.offer(exchange); schedule the drain unless already due
 *   event loop:  drain: render and complete every queued exchange, in the order they arrived
 * </pre>
 *
 * <p>The ring answers a whole batch of commands at once, most of them for the same few event loops. One
 * task per event loop per burst, instead of one task per answer, saves a task object and a queue entry per
 * answer, and lets one wake-up of a waiting event loop carry every answer of the burst. Exchanges queue
 * themselves, so an answer costs no allocation here.
 */
final class ReplyQueue implements Runnable {
    /** One queue per event-loop thread, shared by every connection of that loop. */
    private static final FastThreadLocal<ReplyQueue> OF_THREAD = new FastThreadLocal<>();

    private final EventLoop eventLoop;
    private final Queue<Exchange> waiting = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainDue = new AtomicBoolean();

    private ReplyQueue(EventLoop eventLoop) {
        this.eventLoop = eventLoop;
    }

    /** The queue of the given event loop; called on that loop, when a connection starts. */
    static ReplyQueue of(EventLoop eventLoop) {
        if (!eventLoop.inEventLoop()) {
            return new ReplyQueue(eventLoop);
        }
        ReplyQueue queue = OF_THREAD.get();
        if (queue == null || queue.eventLoop != eventLoop) {
            queue = new ReplyQueue(eventLoop);
            OF_THREAD.set(queue);
        }
        return queue;
    }

    /** Queues an exchange whose answer is pending; any thread. */
    void offer(Exchange exchange) {
        waiting.offer(exchange);
        if (!drainDue.get() && drainDue.compareAndSet(false, true)) {
            try {
                eventLoop.execute(this);
            } catch (RejectedExecutionException shuttingDown) {
                dropAll();
                drainDue.set(false);
            }
        }
    }

    /** Completes every queued exchange. Event loop only. */
    @Override
    public void run() {
        drainDue.set(false);
        for (Exchange exchange = waiting.poll(); exchange != null; exchange = waiting.poll()) {
            exchange.completePending();
        }
    }

    private void dropAll() {
        for (Exchange exchange = waiting.poll(); exchange != null; exchange = waiting.poll()) {
            exchange.droppedAtShutdown();
        }
    }
}
