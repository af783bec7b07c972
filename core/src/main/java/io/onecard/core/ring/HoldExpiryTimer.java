package io.onecard.core.ring;

import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Ledger;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The clock outside the ledger that makes holds expire: it publishes an expiry command at a fixed
 * interval, and again at once while the ledger reports a full batch of expiries (more may be due).
 *
 * <p>Expiry is a journaled command like any other, so a replay expires exactly the same holds.
 */
public final class HoldExpiryTimer implements AutoCloseable {
    private final CommandSink sink;
    private final ScheduledExecutorService timer;

    public HoldExpiryTimer(CommandSink sink, Duration interval) {
        this.sink = sink;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "onecard-hold-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::publish, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void publish() {
        sink.tryPublish(command -> command.type(CommandType.EXPIRE_HOLDS), command -> {
            if (command.result().amountMinor() >= Ledger.MAX_EXPIRIES_PER_COMMAND && !timer.isShutdown()) {
                timer.execute(this::publish);
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
