package io.slipway.workload;

/** The Node an instance registered as, for InstanceGroup status.instances[]: its name and whether it is Ready. */
public record InstanceNode(String nodeName, boolean ready) {
}
