package io.slipway.workload;

import java.util.Objects;

/** An EC2 instance that should be a Node of the cluster: from the instance group's auto scaling group. */
public record ExpectedInstance(String instanceId, String zone) {
    public ExpectedInstance {
        Objects.requireNonNull(instanceId, "instanceId");
    }
}
