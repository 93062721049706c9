package io.slipway.controller;

import io.slipway.api.AppliedIdentity;
import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.MalformedValue;
import io.slipway.validation.ClusterSpecValidator;
import io.slipway.validation.FieldError;
import io.slipway.validation.ImmutableFields;
import io.slipway.validation.MalformedValues;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a Cluster must pass before the operator acts on it: values of the right JSON type (reported first), its
 * name, the spec's rules and immutability.
 */
@Singleton
public class ClusterSpecChecks {

    public List<FieldError> check(String name, ClusterSpec spec, AppliedIdentity applied, List<MalformedValue> malformed) {
        List<FieldError> errors = new ArrayList<>(ClusterSpecValidator.validateName(name));
        if (spec == null) {
            errors.add(new FieldError("spec", "is required"));
            return MalformedValues.reportFirst(malformed, errors);
        }
        errors.addAll(ClusterSpecValidator.validate(spec));
        if (applied != null) {
            errors.addAll(ImmutableFields.check(asSpec(applied), spec));
        }
        return MalformedValues.reportFirst(malformed, errors);
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
