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
 * secret bootstrap content for each role's object. {@code bootstrapContentPending}: that content is still being made
 * (the cluster's keys are generated meanwhile), so the graph leaves the bootstrap objects as they are for now.
 */
public record ClusterInputs(String accountId, String partition, BootstrapStoreLayout store,
                            Set<InstanceGroupRole> rolesInUse, Map<InstanceGroupRole, SecretBytes> bootstrapContent,
                            boolean bootstrapContentPending) {
    public ClusterInputs(String accountId, String partition, BootstrapStoreLayout store,
                         Set<InstanceGroupRole> rolesInUse, Map<InstanceGroupRole, SecretBytes> bootstrapContent) {
        this(accountId, partition, store, rolesInUse, bootstrapContent, false);
    }

    /** The same inputs while the bootstrap content is still being made: no content, objects left alone. */
    public ClusterInputs withBootstrapContentPending() {
        return new ClusterInputs(accountId, partition, store, rolesInUse, Map.of(), true);
    }

    public ClusterInputs {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(store, "store");
        rolesInUse = Set.copyOf(rolesInUse);
        bootstrapContent = Map.copyOf(bootstrapContent.isEmpty() ? new EnumMap<>(InstanceGroupRole.class) : bootstrapContent);
        if (bootstrapContentPending && !bootstrapContent.isEmpty()) {
            throw new IllegalArgumentException("bootstrap content is either pending or given, not both");
        }
    }
}
