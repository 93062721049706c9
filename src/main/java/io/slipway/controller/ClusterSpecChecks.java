package io.slipway.controller;

import io.slipway.api.AppliedIdentity;
import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.validation.ClusterSpecValidator;
import io.slipway.validation.FieldError;
import io.slipway.validation.ImmutableFields;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** Everything a Cluster spec must pass before the operator acts on it: the semantic rules and immutability. */
@Singleton
public class ClusterSpecChecks {

    public List<FieldError> check(ClusterSpec spec, AppliedIdentity applied) {
        if (spec == null) {
            return List.of(new FieldError("spec", "is required"));
        }
        List<FieldError> errors = new ArrayList<>(ClusterSpecValidator.validate(spec));
        if (applied != null) {
            errors.addAll(ImmutableFields.check(asSpec(applied), spec));
        }
        return errors;
    }

    private static ClusterSpec asSpec(AppliedIdentity applied) {
        ClusterSpec old = new ClusterSpec();
        old.region = applied.region;
        old.networkCIDR = applied.networkCIDR;
        old.networkID = applied.networkID;
        applied.subnetIDs.forEach((name, id) -> {
            ClusterSubnet s = new ClusterSubnet();
            s.name = name;
            s.id = id;
            old.subnets.add(s);
        });
        return old;
    }
}
