package io.slipway.controller;

import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.rollout.Candidate;
import io.slipway.rollout.GroupInstance;
import io.slipway.rollout.ReplacementReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RemediationCandidatesTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static InstanceGroupStatus.InstanceStatus instance(String id, boolean unhealthy) {
        InstanceGroupStatus.InstanceStatus i = new InstanceGroupStatus.InstanceStatus();
        i.id = id;
        i.unhealthy = unhealthy;
        return i;
    }

    private static GroupInstance live(String id, String state) {
        return new GroupInstance(id, state, NOW.minusSeconds(3600), "h", true, "node-" + id, false, false);
    }

    @Test
    void theInstancesMarkedUnhealthyAndNotTerminatingAreCandidatesForReplacement() {
        InstanceGroup group = new InstanceGroup();
        group.setStatus(new InstanceGroupStatus());
        group.getStatus().instances = List.of(instance("i-1", true), instance("i-2", false), instance("i-3", true),
                instance("i-4", true), instance("i-5", true));

        List<Candidate> candidates = new RemediationCandidates().candidates(group, List.of(live("i-1", "running"),
                live("i-2", "running"), live("i-3", "shutting-down"), live("i-5", "stopped")), NOW);

        assertThat(candidates).containsExactly(new Candidate("i-1", ReplacementReason.UNHEALTHY),
                new Candidate("i-5", ReplacementReason.UNHEALTHY));
    }

    @Test
    void aGroupWithoutStatusHasNone() {
        assertThat(new RemediationCandidates().candidates(new InstanceGroup(), List.of(live("i-1", "running")), NOW)).isEmpty();
    }
}
