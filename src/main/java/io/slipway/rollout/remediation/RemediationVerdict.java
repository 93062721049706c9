package io.slipway.rollout.remediation;

import java.time.Instant;
import java.util.List;

/**
 * What remediation decided for one group. {@code replace} is non-empty only for {@link Kind#REPLACE}.
 * {@code reason} is a condition reason (CamelCase); {@code message} says why, naming instances and counts.
 * {@code nextCheckAt}, when set, is the earliest moment a waiting instance turns unhealthy: look again then.
 */
public record RemediationVerdict(Kind kind, List<UnhealthyInstance> replace, String reason, String message, Instant nextCheckAt) {

    public enum Kind {
        /** spec.remediation.enabled is false. */
        DISABLED,
        /** Nothing to replace. */
        HEALTHY,
        /** Replace these instances (reason UNHEALTHY), through the roll's machinery. */
        REPLACE,
        /** Unhealthy instances exist but replacing them now is not safe; the reason says why. */
        BLOCKED
    }

    /** Condition reasons. */
    public static final String DISABLED = "RemediationDisabled";
    public static final String HEALTHY = "InstancesHealthy";
    public static final String UNHEALTHY_INSTANCES = "UnhealthyInstances";
    public static final String TOO_MANY_UNHEALTHY = "TooManyUnhealthy";
    public static final String ETCD_QUORUM_AT_RISK = "EtcdQuorumAtRisk";
    public static final String NODES_UNKNOWN = "NodesUnknown";

    public RemediationVerdict {
        replace = List.copyOf(replace);
    }

    public boolean blocked() {
        return kind == Kind.BLOCKED;
    }
}
