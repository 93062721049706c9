package io.slipway.model;

import io.slipway.api.InstanceGroupRole;
import io.slipway.cloud.SecretBytes;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the cluster's desired graph needs besides the Cluster's spec, found by the controller before modelling:
 * the account it is built in, its partition, where the bootstrap store is, the instance-group roles in use and the
 * secret bootstrap content for each role's object.
 */
public record ClusterInputs(String accountId, String partition, BootstrapStoreLayout store,
                            Set<InstanceGroupRole> rolesInUse, Map<InstanceGroupRole, SecretBytes> bootstrapContent) {
    public ClusterInputs {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(store, "store");
        rolesInUse = Set.copyOf(rolesInUse);
        bootstrapContent = Map.copyOf(bootstrapContent.isEmpty() ? new EnumMap<>(InstanceGroupRole.class) : bootstrapContent);
    }
}
