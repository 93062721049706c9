package io.slipway.controller;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterStatus;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Which updates start a reconcile: the filter on its own (the operator-level behaviour is in ReconcileOnRequestTest). */
class ReconcileTriggerTest {
    private final ReconcileTrigger trigger = new ReconcileTrigger();

    @Test
    void specChangesAndNewRequestsStartAReconcile() {
        Cluster old = cluster();
        assertThat(trigger.accept(changed(old, c -> c.getMetadata().setGeneration(2L)), old)).as("new generation").isTrue();
        assertThat(trigger.accept(changed(old, c -> c.getMetadata().setAnnotations(Map.of(ReconcileTrigger.REQUESTED_AT, "1"))), old))
                .as("first request").isTrue();
        Cluster requested = changed(old, c -> c.getMetadata().setAnnotations(Map.of(ReconcileTrigger.REQUESTED_AT, "1")));
        assertThat(trigger.accept(changed(requested, c -> c.getMetadata().setAnnotations(Map.of(ReconcileTrigger.REQUESTED_AT, "2"))), requested))
                .as("new request value").isTrue();
        assertThat(trigger.accept(changed(old, c -> c.getMetadata().setDeletionTimestamp("2026-11-30T11:00:00Z")), old)).as("deletion").isTrue();
        assertThat(trigger.accept(changed(old, c -> c.getMetadata().setFinalizers(List.of("clusters.slipway.io/finalizer"))), old))
                .as("finalizer added").isTrue();
    }

    @Test
    void statusAndOtherMetadataUpdatesDoNot() {
        Cluster old = changed(cluster(), c -> c.getMetadata().setAnnotations(Map.of(ReconcileTrigger.REQUESTED_AT, "1")));
        assertThat(trigger.accept(changed(old, c -> {
            c.setStatus(new ClusterStatus());
            c.getStatus().phase = "Ready";
            c.getMetadata().setResourceVersion("8");
        }), old)).as("status patch").isFalse();
        assertThat(trigger.accept(changed(old, c -> c.getMetadata().setLabels(Map.of("team", "a"))), old)).as("label").isFalse();
        assertThat(trigger.accept(changed(old, c -> c.getMetadata().setAnnotations(Map.of(ReconcileTrigger.REQUESTED_AT, "1", "note", "x"))), old))
                .as("another annotation, same request").isFalse();
    }

    @Test
    void aGroupsRolloutMovingOnStartsAReconcileButItsMessageAloneDoesNot() {
        InstanceGroup old = group("RollingOut", 0, "draining");
        assertThat(trigger.accept(group("RollingOut", 0, "draining 2 pods"), old)).as("message only").isFalse();
        assertThat(trigger.accept(group("RollingOut", 1, "draining"), old)).as("one more replaced").isTrue();
        assertThat(trigger.accept(group("Stalled", 0, "draining"), old)).as("new phase").isTrue();
        InstanceGroup none = group(null, 0, null);
        none.getStatus().rollout = null;
        assertThat(trigger.accept(old, none)).as("first rollout status").isTrue();
        assertThat(trigger.accept(none, none)).as("still none").isFalse();
    }

    private static InstanceGroup group(String phase, int replaced, String message) {
        InstanceGroup ig = new InstanceGroup();
        ig.setMetadata(new ObjectMetaBuilder().withName("nodes").withNamespace("default").withGeneration(1L).build());
        ig.setStatus(new InstanceGroupStatus());
        ig.getStatus().rollout = new InstanceGroupStatus.RolloutStatus();
        ig.getStatus().rollout.phase = phase;
        ig.getStatus().rollout.replaced = replaced;
        ig.getStatus().rollout.message = message;
        return ig;
    }

    @Test
    void requestValueIsReadFromTheAnnotation() {
        assertThat(ReconcileTrigger.requestedAt(cluster())).isNull();
        assertThat(ReconcileTrigger.requestedAt(changed(cluster(), c -> c.getMetadata().setAnnotations(Map.of(ReconcileTrigger.REQUESTED_AT, "now")))))
                .isEqualTo("now");
    }

    private static Cluster cluster() {
        Cluster c = new Cluster();
        c.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace("default").withGeneration(1L)
                .withResourceVersion("7").build());
        return c;
    }

    private static Cluster changed(Cluster from, Consumer<Cluster> change) {
        Cluster copy = new Cluster();
        copy.setMetadata(new ObjectMetaBuilder(from.getMetadata()).build());
        copy.setStatus(from.getStatus());
        change.accept(copy);
        return copy;
    }
}
