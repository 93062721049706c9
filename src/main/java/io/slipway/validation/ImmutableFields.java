package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.InstanceGroupSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CRDs' immutability (transition) rules, for the controller to compare a new spec with the last one it
 * applied: the management API in tests does not run CEL, and a real API server cannot check subnet ids because
 * the subnet list is atomic. Subnets are matched by name; a subnet's cidr and zone are immutable too, since AWS
 * cannot change them without replacing the subnet and everything in it.
 */
public final class ImmutableFields {
    private ImmutableFields() {
    }

    /** Errors for immutable fields that differ; empty when {@code oldSpec} is null (nothing applied yet). */
    public static List<FieldError> check(ClusterSpec oldSpec, ClusterSpec newSpec) {
        List<FieldError> errors = new ArrayList<>();
        if (oldSpec == null || newSpec == null) {
            return errors;
        }
        if (oldSpec.region != null && !Objects.equals(oldSpec.region, newSpec.region)) {
            errors.add(new FieldError("spec.region", CelMessages.REGION_IMMUTABLE + changed(oldSpec.region, newSpec.region)));
        }
        if (oldSpec.networkCIDR != null && !Objects.equals(oldSpec.networkCIDR, newSpec.networkCIDR)) {
            errors.add(new FieldError("spec.networkCIDR", CelMessages.NETWORK_CIDR_IMMUTABLE + changed(oldSpec.networkCIDR, newSpec.networkCIDR)));
        }
        if (!Objects.equals(oldSpec.networkID, newSpec.networkID)) {
            errors.add(new FieldError("spec.networkID", CelMessages.NETWORK_ID_IMMUTABLE + changed(oldSpec.networkID, newSpec.networkID)));
        }
        Map<String, ClusterSubnet> old = new HashMap<>();
        for (ClusterSubnet s : Nulls.list(oldSpec.subnets)) {
            if (s != null && s.name != null) {
                old.putIfAbsent(s.name, s);
            }
        }
        for (int i = 0; i < Nulls.list(newSpec.subnets).size(); i++) {
            ClusterSubnet now = Nulls.list(newSpec.subnets).get(i);
            ClusterSubnet before = now == null || now.name == null ? null : old.get(now.name);
            if (before == null) {
                continue;
            }
            String base = "spec.subnets[" + i + "]";
            if (before.id != null && !Objects.equals(before.id, now.id)) {
                errors.add(new FieldError(base + ".id", CelMessages.SUBNET_ID_IMMUTABLE + changed(before.id, now.id)));
            }
            if (before.cidr != null && !Objects.equals(before.cidr, now.cidr)) {
                errors.add(new FieldError(base + ".cidr", "subnet cidr is immutable" + changed(before.cidr, now.cidr)
                        + "; to renumber, add a subnet under a new name and move the instance groups to it"));
            }
            if (before.zone != null && !Objects.equals(before.zone, now.zone)) {
                errors.add(new FieldError(base + ".zone", "subnet zone is immutable" + changed(before.zone, now.zone)
                        + "; add a subnet under a new name in the new zone instead"));
            }
        }
        return errors;
    }

    /** Errors for immutable InstanceGroup fields that differ; empty when {@code oldSpec} is null. */
    public static List<FieldError> check(InstanceGroupSpec oldSpec, InstanceGroupSpec newSpec) {
        List<FieldError> errors = new ArrayList<>();
        if (oldSpec == null || newSpec == null) {
            return errors;
        }
        if (oldSpec.clusterName != null && !Objects.equals(oldSpec.clusterName, newSpec.clusterName)) {
            errors.add(new FieldError("spec.clusterName", CelMessages.CLUSTER_NAME_IMMUTABLE + changed(oldSpec.clusterName, newSpec.clusterName)));
        }
        return errors;
    }

    private static String changed(String before, String after) {
        return " (was " + (before == null ? "unset" : before) + ", now " + (after == null ? "unset" : after) + ")";
    }
}
