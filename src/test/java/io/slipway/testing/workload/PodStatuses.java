package io.slipway.testing.workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;

import java.util.List;

/** A simulated pod's status: Running, with its Ready condition. */
final class PodStatuses {
    private PodStatuses() {
    }

    static Pod withReady(Pod pod, boolean ready) {
        return new PodBuilder(pod).withNewStatus().withPhase("Running")
                .withConditions(List.of(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build()))
                .endStatus().build();
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
