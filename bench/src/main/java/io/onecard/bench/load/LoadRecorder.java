package io.onecard.bench.load;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What a load run saw, shared by every mode of the driver so that HTTP and JDBC figures mean the same thing:
 * each answer's outcome, and for requests due after the warm-up their latency from the moment each was due
 * (coordinated omission corrected) in one HdrHistogram. Per card it keeps what was settled, so that a run can
 * be checked against the cards' balances. Thread-safe: answers may arrive on many threads.
 */
public final class LoadRecorder {
    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    private final long[] counts = new long[Outcome.values().length];
    private final long[] settledByCard;
    private final long[] amountByCard;
    private long answered;
    private long measuredOk;
    private long lastMeasuredAnswerNanos;
    private volatile long recordFromNanos = Long.MAX_VALUE;

    public LoadRecorder(int cards) {
        settledByCard = new long[cards];
        amountByCard = new long[cards];
    }

    /** Requests due from this moment on are measured; earlier ones are the warm-up. */
    public void recordFrom(long nanos) {
        recordFromNanos = nanos;
    }

    public long recordFromNanos() {
        return recordFromNanos;
    }

    /** Counts one answer; {@code card} is the index of the card it spent, {@code amountMinor} what it spent. */
    public synchronized void record(long dueNanos, Outcome outcome, int card, long amountMinor) {
        long now = System.nanoTime();
        counts[outcome.ordinal()]++;
        answered++;
        if (outcome == Outcome.OK) {
            settledByCard[card]++;
            amountByCard[card] += amountMinor;
        }
        if (dueNanos >= recordFromNanos) {
            histogram.recordValue(Math.min(Math.max(0, now - dueNanos), histogram.getHighestTrackableValue()));
            if (outcome == Outcome.OK) {
                measuredOk++;
                lastMeasuredAnswerNanos = now;
            }
        }
    }

    public synchronized long answered() {
        return answered;
    }

    public synchronized long count(Outcome outcome) {
        return counts[outcome.ordinal()];
    }

    /** Settled requests per second after the warm-up, up to the last measured answer. */
    public synchronized double achievedPerSecond() {
        long elapsed = lastMeasuredAnswerNanos - recordFromNanos;
        return measuredOk == 0 || elapsed <= 0 ? 0 : measuredOk * 1e9 / elapsed;
    }

    /** One line: {@code target=.. offered=../s sent=.. ok=.. declined=.. ... p99=..us max=..us}. */
    public synchronized String summary(String target, long offeredPerSecond, long sent) {
        return String.format(Locale.ROOT, "target=%s offered=%d/s sent=%d ok=%d declined=%d overloaded=%d other=%d "
                + "achieved=%.0f/s p50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus", target, offeredPerSecond,
            sent, count(Outcome.OK), count(Outcome.DECLINED), count(Outcome.OVERLOADED), count(Outcome.OTHER),
            achievedPerSecond(), micros(50), micros(90), micros(99), micros(99.9), histogram.getMaxValue() / 1000.0);
    }

    /** One line per card: {@code card=<number> ok=<settled requests> amount=<minor units settled>}. */
    public synchronized String byCard(String[] cardNumbers) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < cardNumbers.length; i++) {
            lines.append(String.format(Locale.ROOT, "card=%s ok=%d amount=%d%n", cardNumbers[i], settledByCard[i],
                amountByCard[i]));
        }
        return lines.toString();
    }

    /**
     * Fails loudly on any wrong figure: an answer that is neither settled, declined nor overloaded; a decline
     * where none may happen; or a request never answered.
     */
    public synchronized void check(long sent, boolean declinesAllowed) {
        if (count(Outcome.OTHER) != 0) {
            throw new IllegalStateException(count(Outcome.OTHER) + " requests got a wrong answer");
        }
        if (!declinesAllowed && count(Outcome.DECLINED) != 0) {
            throw new IllegalStateException(count(Outcome.DECLINED) + " requests declined on cards funded for all");
        }
        if (answered != sent) {
            throw new IllegalStateException((sent - answered) + " of " + sent + " requests were never answered");
        }
    }

    private double micros(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
