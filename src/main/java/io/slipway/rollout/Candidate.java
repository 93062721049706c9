package io.slipway.rollout;

import java.util.Objects;

/** An instance to replace and why. Remediation hands in its own with {@link ReplacementReason#UNHEALTHY}. */
public record Candidate(String instanceId, ReplacementReason reason) {
    public Candidate {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(reason, "reason");
    }
}
