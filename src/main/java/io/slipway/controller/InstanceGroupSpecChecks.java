package io.slipway.controller;

import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.MalformedValue;
import io.slipway.validation.FieldError;
import io.slipway.validation.InstanceGroupSpecValidator;
import io.slipway.validation.MalformedValues;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything an InstanceGroup must pass: values of the right JSON type (reported first), its name, its spec's own
 * rules, the rules against its Cluster, and immutability.
 */
@Singleton
public class InstanceGroupSpecChecks {

    public List<FieldError> check(String name, InstanceGroupSpec spec, ClusterSpec clusterOrNull, String appliedClusterName,
                                  List<MalformedValue> malformed) {
        List<FieldError> errors = new ArrayList<>(InstanceGroupSpecValidator.validateName(name));
        if (spec == null) {
            errors.add(new FieldError("spec", "is required"));
            return MalformedValues.reportFirst(malformed, errors);
        }
        errors.addAll(InstanceGroupSpecValidator.validate(spec, clusterOrNull));
        if (appliedClusterName != null && !appliedClusterName.equals(spec.clusterName)) {
            errors.add(new FieldError("spec.clusterName", "is immutable (was " + appliedClusterName + ")"));
        }
        return MalformedValues.reportFirst(malformed, errors);
    }
}
