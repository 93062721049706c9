package io.slipway.rollout.remediation;

import java.time.Instant;

/** An instance to replace: its id, its node (null when it has none), since when it is unhealthy and why, for messages. */
public record UnhealthyInstance(String instanceId, String nodeName, Instant since, String why) {
}
