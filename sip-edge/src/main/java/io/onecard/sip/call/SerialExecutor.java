package io.onecard.sip.call;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call's events one at a time, in arrival order, on a shared pool.
 *
 * <p>SIP messages of a call arrive on stack threads, ledger results on the replier thread and timers on the
 * timer thread; funnelling them through one serial queue per call lets the call's state live without locks,
 * and no lock is ever held while the stack or the ring is called. A task that throws is logged and the next
 * one still runs. A call puts at most one entry on the shared pool's queue at a time, so the pool's queue is
 * bounded by the calls in progress.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException refused) {
                if (!(pool instanceof ExecutorService service && service.isShutdown())) {
                    LOG.warn("call pool full: {} events of a call dropped", tasks.size());
                }
                scheduled.set(false);
                tasks.clear();
            }
        }
    }

    private void drain() {
        try {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                try {
                    task.run();
                } catch (RuntimeException | AssertionError e) {
                    LOG.error("call task failed", e);
                }
            }
        } finally {
            scheduled.set(false);
            schedule();
        }
    }
}
