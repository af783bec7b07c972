package io.onecard.bench;

import io.onecard.core.OneCardCore;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.ResultCode;
import io.onecard.core.ring.CommandWriter;
import io.onecard.core.ring.Durability;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Latency of the ring at a fixed offered rate: first the saturated rate is measured, then debits are
 * offered open-loop at a fraction of it, and each latency is taken from the moment the command was due to
 * be sent (so a stalled sender cannot hide queueing: coordinated omission is corrected). The sender
 * sleeps until each due time instead of spinning, so that on a small machine it leaves the cores to the
 * ring; its own wake-up delay (tens of microseconds) is therefore part of every latency reported.
 *
 * <p>Usage: {@code RingLatencyDriver <sync|async> <seconds> <fraction of the saturated rate, e.g. 0.5>}.
 * Prints one line of results; exits non-zero when any debit failed.
 */
public final class RingLatencyDriver {
    private static final int CARDS = 16;
    private static final long SATURATION_COMMANDS = 400_000;

    private RingLatencyDriver() {
    }

    public static void main(String[] args) throws Exception {
        Durability durability = Durability.parse(args[0]);
        int seconds = Integer.parseInt(args[1]);
        double fraction = Double.parseDouble(args[2]);
        Path dataDir = BenchCards.newDataDir();
        long[] cards = BenchCards.issue(dataDir, CARDS);
        try (OneCardCore core = OneCardCore.open(BenchCards.config(dataDir, durability))) {
            CommandWriter[] writers = writers(cards);
            long saturatedRate = saturatedRate(core, writers);
            long offeredRate = Math.max(1, (long) (saturatedRate * fraction));
            Histogram histogram = new Histogram(60_000_000_000L, 3);
            long sent = offer(core, writers, offeredRate, seconds, histogram);
            System.out.printf(Locale.ROOT, "durability=%s saturated=%d/s offered=%d/s sent=%d p50=%.1fus "
                    + "p90=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus%n", durability.name().toLowerCase(Locale.ROOT),
                saturatedRate, offeredRate, sent, micros(histogram, 50), micros(histogram, 90), micros(histogram, 99),
                micros(histogram, 99.9), histogram.getMaxValue() / 1000.0);
        } finally {
            BenchCards.delete(dataDir);
        }
    }

    private static CommandWriter[] writers(long[] cards) {
        CommandWriter[] writers = new CommandWriter[cards.length];
        for (int i = 0; i < cards.length; i++) {
            long card = cards[i];
            writers[i] = command -> command.type(CommandType.DEBIT).channel(Channel.WEB).cardNumber(card)
                .amountMinor(1).currency(BenchCards.EUR);
        }
        return writers;
    }

    private static long saturatedRate(OneCardCore core, CommandWriter[] writers) {
        AtomicLong answered = new AtomicLong();
        long started = System.nanoTime();
        for (long i = 0; i < SATURATION_COMMANDS; i++) {
            while (!core.sink().tryPublish(writers[(int) (i % CARDS)], command -> answered.incrementAndGet())) {
                LockSupport.parkNanos(1_000);
            }
        }
        while (answered.get() < SATURATION_COMMANDS) {
            LockSupport.parkNanos(1_000);
        }
        return SATURATION_COMMANDS * 1_000_000_000L / (System.nanoTime() - started);
    }

    private static long offer(OneCardCore core, CommandWriter[] writers, long rate, int seconds,
                              Histogram histogram) {
        long intervalNanos = 1_000_000_000L / rate;
        long total = rate * seconds;
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            while (!core.sink().tryPublish(writers[(int) (i % CARDS)], command -> {
                histogram.recordValue(System.nanoTime() - due);
                if (command.result().code() != ResultCode.OK) {
                    failed.incrementAndGet();
                }
                answered.incrementAndGet();
            })) {
                LockSupport.parkNanos(1_000);
            }
        }
        while (answered.get() < total) {
            LockSupport.parkNanos(1_000);
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " debits failed");
        }
        return total;
    }

    private static double micros(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
