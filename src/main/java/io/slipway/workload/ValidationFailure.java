package io.slipway.workload;

/** One failed check: the kind and name of the object (Instance, Node, Pod, InstanceGroup, Cluster) and what is wrong. */
public record ValidationFailure(String kind, String name, String message) {
}
