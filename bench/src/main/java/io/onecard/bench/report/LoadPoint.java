package io.onecard.bench.report;

import java.util.Map;

/**
 * One line of the load driver ({@code target=.. offered=../s .. p99=..us}): a target at one offered rate
 * ({@code 0} for its closed-loop maximum), what it settled per second and its latency percentiles in
 * microseconds.
 */
public record LoadPoint(String target, long offeredPerSecond, long ok, long declined, long overloaded,
                        double achievedPerSecond, double p50Micros, double p90Micros, double p99Micros,
                        double p999Micros, double maxMicros) {

    /** Reads a driver line; see {@link KeyValues} for the format. */
    public static LoadPoint parse(String line) {
        Map<String, String> values = KeyValues.parse(line);
        return new LoadPoint(values.get("target"), (long) KeyValues.number(values, "offered"),
            (long) KeyValues.number(values, "ok"), (long) KeyValues.number(values, "declined"),
            (long) KeyValues.number(values, "overloaded"), KeyValues.number(values, "achieved"),
            KeyValues.number(values, "p50"), KeyValues.number(values, "p90"), KeyValues.number(values, "p99"),
            KeyValues.number(values, "p99.9"), KeyValues.number(values, "max"));
    }

    public boolean closedLoop() {
        return offeredPerSecond == 0;
    }
}
