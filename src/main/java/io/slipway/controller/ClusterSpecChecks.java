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
 * Everything a Cluster spec must pass before the operator acts on it: values of the right JSON type (reported first),
 * the semantic rules and immutability.
 */
@Singleton
public class ClusterSpecChecks {

    public List<FieldError> check(ClusterSpec spec, AppliedIdentity applied, List<MalformedValue> malformed) {
        if (spec == null) {
            return MalformedValues.reportFirst(malformed, List.of(new FieldError("spec", "is required")));
        }
        List<FieldError> errors = new ArrayList<>(ClusterSpecValidator.validate(spec));
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
