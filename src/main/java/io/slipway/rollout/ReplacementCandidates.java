package io.slipway.rollout;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What needs a roll: the instances of a group (members of its auto scaling group, not terminating) whose configuration hash
 * differs from the group's, whose Node carries {@value #NEEDS_UPDATE_ANNOTATION}, or that were launched before the
 * group's {@value #RESTARTED_AT_ANNOTATION}; plus the extra candidates handed in (remediation's unhealthy ones).
 * EC2 gives launch times to the second, so the restart time is read to the second: an instance launched in the
 * second it names is not before it (else a replacement launched in that second would be replaced again).
 * One entry per instance; the first reason found wins, an extra candidate's first. Unhealthy instances come first,
 * then the others by instance id, so a restarted operator picks the same order.
 */
public final class ReplacementCandidates {
    public static final String NEEDS_UPDATE_ANNOTATION = "slipway.io/needs-update";
    public static final String RESTARTED_AT_ANNOTATION = "slipway.io/restartedAt";

    private ReplacementCandidates() {
    }

    /**
     * @param groupHash   the group's configuration hash; null means unknown, and then no instance is outdated by it
     * @param restartedAt instances launched before its second are replaced; null for none
     * @param extra       further candidates (ids of instances not among {@code instances}' members are ignored)
     */
    public static List<Candidate> select(String groupHash, Collection<GroupInstance> instances, Instant restartedAt,
                                         Collection<Candidate> extra) {
        Map<String, GroupInstance> members = new LinkedHashMap<>();
        // a stopped member is replaced too (remediation marks it when its node is gone); only one on its way out is not
        instances.stream().filter(i -> i.inAutoScalingGroup() && !i.isGoing())
                .sorted(Comparator.comparing(GroupInstance::id)).forEach(i -> members.put(i.id(), i));
        Map<String, Candidate> chosen = new LinkedHashMap<>();
        for (Candidate c : extra) {
            if (members.containsKey(c.instanceId())) {
                chosen.putIfAbsent(c.instanceId(), c);
            }
        }
        for (GroupInstance i : members.values()) {
            reason(groupHash, i, restartedAt).ifPresent(r -> chosen.putIfAbsent(i.id(), new Candidate(i.id(), r)));
        }
        List<Candidate> ordered = new ArrayList<>(chosen.values());
        ordered.sort(Comparator.comparing((Candidate c) -> c.reason() != ReplacementReason.UNHEALTHY)
                .thenComparing(Candidate::instanceId));
        return ordered;
    }

    private static java.util.Optional<ReplacementReason> reason(String groupHash, GroupInstance i, Instant restartedAt) {
        if (groupHash != null && !groupHash.equals(i.configHash())) {
            return java.util.Optional.of(ReplacementReason.OUTDATED_CONFIG);
        }
        if (i.nodeNeedsUpdate()) {
            return java.util.Optional.of(ReplacementReason.NODE_NEEDS_UPDATE);
        }
        if (restartedAt != null && i.launchTime() != null
                && i.launchTime().isBefore(restartedAt.truncatedTo(ChronoUnit.SECONDS))) {
            return java.util.Optional.of(ReplacementReason.RESTARTED);
        }
        return java.util.Optional.empty();
    }
}
