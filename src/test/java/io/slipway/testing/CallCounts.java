package io.slipway.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.aws.AwsCallMetrics;

import java.util.Map;
import java.util.TreeMap;

/** Counts of AWS calls as benchmarks report them, and what a phase of a benchmark added to them. */
public final class CallCounts {
    private CallCounts() {
    }

    /** The AWS calls counted in {@code registry}, by "service:operation", every outcome together. */
    public static Map<String, Long> byOperation(MeterRegistry registry) {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find(AwsCallMetrics.CALLS).counters()) {
            String key = counter.getId().getTag("service") + ":" + counter.getId().getTag("operation");
            counts.merge(key, Math.round(counter.count()), Long::sum);
        }
        return counts;
    }

    /** The counts that grew from {@code before} to {@code after}, by how much. */
    public static <K extends Comparable<? super K>> Map<K, Long> minus(Map<K, Long> after, Map<K, Long> before) {
        Map<K, Long> diff = new TreeMap<>();
        after.forEach((k, n) -> {
            long d = n - before.getOrDefault(k, 0L);
            if (d > 0) {
                diff.put(k, d);
            }
        });
        return diff;
    }
}
