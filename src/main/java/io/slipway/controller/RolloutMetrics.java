package io.slipway.controller;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The rolling update's Micrometer meters, tagged by namespace and instance group: instances replaced (by reason),
 * evictions refused by PodDisruptionBudgets, drain duration per node and roll duration per group.
 */
public final class RolloutMetrics {
    public static final String REPLACED = "slipway.rollout.instances.replaced";
    public static final String EVICTIONS_REFUSED = "slipway.rollout.evictions.refused";
    public static final String DRAIN_DURATION = "slipway.rollout.drain.duration";
    public static final String ROLL_DURATION = "slipway.rollout.duration";

    private final MeterRegistry registry;

    public RolloutMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void replaced(String namespace, String group, String reason) {
        Counter.builder(REPLACED).description("Instances replaced by rolling updates")
                .tags("namespace", namespace, "instancegroup", group, "reason", reason).register(registry).increment();
    }

    public void evictionsRefused(String namespace, String group, int count) {
        if (count > 0) {
            Counter.builder(EVICTIONS_REFUSED).description("Evictions a PodDisruptionBudget refused during drains")
                    .tags("namespace", namespace, "instancegroup", group).register(registry).increment(count);
        }
    }

    public void drained(String namespace, String group, Duration took) {
        Timer.builder(DRAIN_DURATION).description("How long a node took to drain")
                .tags("namespace", namespace, "instancegroup", group).register(registry).record(took);
    }

    public void rolled(String namespace, String group, Duration took) {
        Timer.builder(ROLL_DURATION).description("How long a group's rolling update took, start to last replacement")
                .tags("namespace", namespace, "instancegroup", group).register(registry).record(took);
    }
}
