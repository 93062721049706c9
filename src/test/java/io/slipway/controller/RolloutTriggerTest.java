package io.slipway.controller;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutTriggerTest {

    private static InstanceGroup group(boolean firstUnhealthy, String conditionNoise) {
        InstanceGroup g = new InstanceGroup();
        g.setMetadata(new ObjectMetaBuilder().withName("nodes").withNamespace("default").withGeneration(1L).build());
        g.setStatus(new InstanceGroupStatus());
        g.getStatus().replicas = 2;
        g.getStatus().readyReplicas = 1;
        g.getStatus().updatedReplicas = 2;
        InstanceGroupStatus.InstanceStatus a = new InstanceGroupStatus.InstanceStatus();
        a.id = "i-a";
        a.unhealthy = firstUnhealthy;
        a.notReadySince = conditionNoise;
        InstanceGroupStatus.InstanceStatus b = new InstanceGroupStatus.InstanceStatus();
        b.id = "i-b";
        g.getStatus().instances = List.of(a, b);
        return g;
    }

    @Test
    void anInstanceMarkedUnhealthyStartsARolloutReconcile() {
        assertThat(new RolloutTrigger().accept(group(true, null), group(false, null))).isTrue();
        assertThat(new RolloutTrigger().accept(group(false, null), group(true, null))).isTrue();
    }

    @Test
    void otherInstanceDetailsDoNot() {
        assertThat(new RolloutTrigger().accept(group(true, "2026-11-30T12:00:00Z"), group(true, null))).isFalse();
    }
}
