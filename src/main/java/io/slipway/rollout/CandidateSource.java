package io.slipway.rollout;

import io.slipway.api.InstanceGroup;

import java.time.Instant;
import java.util.List;

/**
 * Further instances for the roll to replace, beyond what is outdated: remediation hands in the unhealthy ones
 * ({@link ReplacementReason#UNHEALTHY}), so they are drained and replaced by the same machinery. Called once per
 * rollout reconcile with the group's live instances; must not block.
 */
@FunctionalInterface
public interface CandidateSource {
    CandidateSource NONE = (group, instances, now) -> List.of();

    List<Candidate> candidates(InstanceGroup group, List<GroupInstance> instances, Instant now);
}
