package io.slipway.workload;

import io.slipway.api.InstanceGroupRole;

import java.util.List;
import java.util.Objects;

/**
 * One InstanceGroup as validation sees it: its role, how many instances it should have (the target size: the
 * auto scaling group's desired capacity) and the instances it has.
 */
public record ExpectedGroup(String name, InstanceGroupRole role, int targetSize, List<ExpectedInstance> instances) {
    public ExpectedGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        instances = List.copyOf(instances);
    }
}
