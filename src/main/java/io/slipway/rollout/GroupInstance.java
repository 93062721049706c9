package io.slipway.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * One live instance of a group as the roll sees it: from EC2 (state, launch time, the configuration hash it was
 * launched with), its auto scaling group (whether it is still a member) and its Node (name, Ready, whether the
 * Node asks for an update).
 *
 * @param launchTime     null when EC2 did not say
 * @param configHash     the propagated slipway.io/config-hash tag; null when untagged
 * @param inAutoScalingGroup false once detached (or never attached)
 * @param nodeName       null when it has no Node
 */
public record GroupInstance(String id, String state, Instant launchTime, String configHash, boolean inAutoScalingGroup,
                            String nodeName, boolean nodeReady, boolean nodeNeedsUpdate) {
    public GroupInstance {
        Objects.requireNonNull(id, "id");
    }

    /** pending or running: it is, or will be, a node. */
    public boolean isLive() {
        return "pending".equals(state) || "running".equals(state);
    }

    /** Termination was asked for (or is done). */
    public boolean isGoing() {
        return "shutting-down".equals(state) || "terminated".equals(state);
    }
}
