package io.slipway.controller;

import io.slipway.api.InstanceGroup;
import io.slipway.rollout.Candidate;
import io.slipway.rollout.CandidateSource;
import io.slipway.rollout.GroupInstance;
import io.slipway.rollout.ReplacementReason;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Remediation's candidates for the roll: the instances the InstanceGroup reconciler marked unhealthy in
 * status.instances[] (see {@link InstanceGroupRemediation}), among the group's live instances, with reason
 * {@link ReplacementReason#UNHEALTHY}. The decision is the InstanceGroup reconciler's, made with the nodes it reads;
 * this only hands it over.
 */
@ApplicationScoped
public class RemediationCandidates implements CandidateSource {
    @Override
    public List<Candidate> candidates(InstanceGroup group, List<GroupInstance> instances, Instant now) {
        if (group.getStatus() == null || group.getStatus().instances == null) {
            return List.of();
        }
        // a stopped instance is a candidate too: it has no node, and only a replacement brings one back
        Set<String> present = instances.stream().filter(i -> !i.isGoing()).map(GroupInstance::id).collect(Collectors.toSet());
        return group.getStatus().instances.stream().filter(i -> i.unhealthy && present.contains(i.id))
                .map(i -> new Candidate(i.id, ReplacementReason.UNHEALTHY)).toList();
    }
}
