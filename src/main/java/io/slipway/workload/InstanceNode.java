package io.slipway.workload;

import java.time.Instant;

/**
 * The Node an instance registered as, for InstanceGroup status.instances[]: its name, whether it is Ready, and when
 * not, since when its Ready condition says so (null when the Node is Ready or has no Ready condition yet).
 */
public record InstanceNode(String nodeName, boolean ready, Instant notReadySince) {
}
