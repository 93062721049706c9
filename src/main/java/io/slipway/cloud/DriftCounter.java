package io.slipway.cloud;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts drift corrections as {@code slipway_drift_corrected_total{kind}}. The engine cannot tell drift from a
 * spec change by itself: call {@link #record} only for an apply whose desired graph has the fingerprint of the
 * last graph the caller saw converge ({@link DesiredGraph#fingerprint()}); every change applied then put back
 * something that moved out of band.
 */
public final class DriftCounter {
    public static final String METRIC = "slipway.drift.corrected";

    private final MeterRegistry registry;

    public DriftCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts the applied changes of {@code result} per kind and returns the counts. */
    public Map<String, Integer> record(ApplyResult result) {
        Map<String, Integer> perKind = new TreeMap<>();
        for (Change change : result.applied()) {
            perKind.merge(change.kind(), 1, Integer::sum);
        }
        perKind.forEach((kind, count) -> Counter.builder(METRIC)
                .description("Out-of-band changes to cloud resources that Slipway put back")
                .tag("kind", kind)
                .register(registry)
                .increment(count));
        return perKind;
    }
}
