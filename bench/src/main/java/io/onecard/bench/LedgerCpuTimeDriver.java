package io.onecard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The ledger thread's own CPU time per command, beside the elapsed time, for the shapes of
 * {@link LedgerApplyBenchmark} and with its very setup, commands and teardown checks.
 *
 * <p>On a shared machine the elapsed time per command grows with every other process that wants the same
 * cores, while the thread's CPU time counts only the cycles it was given; comparing two builds by CPU time
 * measured in alternation is therefore far steadier than by elapsed time. Cache pollution by the other
 * processes still shows in both.
 *
 * <p>Usage: {@code LedgerCpuTimeDriver <rounds> <milliseconds per round>}. Each shape warms up for three
 * rounds, then prints the median and the range over the measured rounds of CPU and elapsed nanoseconds per
 * command. Exits non-zero when a command failed or a teardown check did not hold.
 */
public final class LedgerCpuTimeDriver {
    private static final int WARM_UP_ROUNDS = 3;
    private static final int CALLS_PER_CHECK = 256;

    private LedgerCpuTimeDriver() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        long roundMillis = Long.parseLong(args[1]);
        measure("debitWithPinThenRecharge", 2, rounds, roundMillis, state -> state::debitWithPinThenRecharge);
        measure("holdCaptureThenRecharge", 3, rounds, roundMillis, state -> state::holdCaptureThenRecharge);
        measure("keyedDebitThenRecharge", 2, rounds, roundMillis, state -> state::keyedDebitThenRecharge);
    }

    private interface Shape {
        LongSupplier of(LedgerApplyBenchmark state);
    }

    private static void measure(String name, int commandsPerCall, int rounds, long roundMillis, Shape shape) {
        LedgerApplyBenchmark state = new LedgerApplyBenchmark();
        state.open();
        LongSupplier call = shape.of(state);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[rounds];
        double[] elapsed = new double[rounds];
        for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
            long commands = 0;
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long end = start + roundMillis * 1_000_000;
            long now = start;
            while (now < end) {
                for (int i = 0; i < CALLS_PER_CHECK; i++) {
                    call.getAsLong();
                }
                commands += (long) CALLS_PER_CHECK * commandsPerCall;
                now = System.nanoTime();
            }
            if (round >= 0) {
                cpu[round] = (double) (threads.getCurrentThreadCpuTime() - cpuStart) / commands;
                elapsed[round] = (double) (now - start) / commands;
            }
        }
        state.check();
        Arrays.sort(cpu);
        Arrays.sort(elapsed);
        System.out.printf(Locale.ROOT, "%-26s cpu ns/command median %7.0f (%.0f-%.0f)   elapsed median %7.0f"
            + " (%.0f-%.0f)%n", name, cpu[rounds / 2], cpu[0], cpu[rounds - 1], elapsed[rounds / 2], elapsed[0],
            elapsed[rounds - 1]);
    }
}
