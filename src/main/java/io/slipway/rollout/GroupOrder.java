package io.slipway.rollout;

import io.slipway.api.InstanceGroupRole;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The order in which a Cluster's groups roll, as kops orders them: bastions first, then the control-plane groups, then
 * the node groups; within a role one group at a time, by name. A control-plane group waits for every bastion group,
 * a node group for every control-plane group (so a kubernetesVersion change rolls the control plane first, as the
 * version-skew policy requires). A group that has an instance in flight keeps going whatever the others do: it never
 * leaves an instance half replaced.
 */
public final class GroupOrder {
    /**
     * A group as the order sees it.
     *
     * @param needsRoll it has instances to replace (outdated or otherwise)
     * @param inFlight  it has instances being replaced now
     */
    public record GroupState(String name, InstanceGroupRole role, boolean needsRoll, boolean inFlight) {
        public GroupState {
            Objects.requireNonNull(name, "name");
        }

        boolean busy() {
            return needsRoll || inFlight;
        }
    }

    private GroupOrder() {
    }

    /** The group {@code self} waits for before it may start replacing; empty when it may go now. */
    public static Optional<String> waitingFor(GroupState self, List<GroupState> others) {
        if (self.inFlight()) {
            return Optional.empty();
        }
        List<GroupState> rest = others.stream().filter(g -> !g.name().equals(self.name())).toList();
        // anyone of the same role already replacing goes on first, then the earlier roles, then the same role by name
        Optional<GroupState> sameRoleInFlight = rest.stream().filter(g -> g.role() == self.role() && g.inFlight())
                .min(Comparator.comparing(GroupState::name));
        if (sameRoleInFlight.isPresent()) {
            return sameRoleInFlight.map(GroupState::name);
        }
        Optional<GroupState> earlier = rest.stream().filter(g -> rank(g.role()) < rank(self.role()) && g.busy())
                .min(Comparator.comparing((GroupState g) -> rank(g.role())).thenComparing(GroupState::name));
        if (earlier.isPresent()) {
            return earlier.map(GroupState::name);
        }
        return rest.stream().filter(g -> g.role() == self.role() && g.needsRoll() && g.name().compareTo(self.name()) < 0)
                .min(Comparator.comparing(GroupState::name)).map(GroupState::name);
    }

    static int rank(InstanceGroupRole role) {
        if (role == null) {
            return 3;
        }
        return switch (role) {
            case Bastion -> 0;
            case ControlPlane -> 1;
            case Node -> 2;
        };
    }
}
