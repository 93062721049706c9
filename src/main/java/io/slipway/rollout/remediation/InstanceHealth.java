package io.slipway.rollout.remediation;

import io.slipway.api.InstanceGroupStatus;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What remediation knows of one instance: its EC2 id and state, when it launched, its node (null before the
 * kubelet registered, or after the node was deleted), whether that node is Ready and, when not, since when.
 */
public record InstanceHealth(String id, String state, Instant launchedAt, String nodeName, boolean ready, Instant notReadySince) {

    /** From an InstanceGroup's status.instances[] entry; unreadable times count as unknown. */
    public static InstanceHealth of(InstanceGroupStatus.InstanceStatus status) {
        return new InstanceHealth(status.id, status.state, time(status.launchedAt), status.nodeName, status.ready,
                time(status.notReadySince));
    }

    /** Instances on their way out are not the group's to judge: the roll or the ASG already replaces them. */
    boolean leaving() {
        return "shutting-down".equals(state) || "terminated".equals(state);
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
