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
 * Everything an InstanceGroup spec must pass: values of the right JSON type (reported first), its own rules, the rules
 * against its Cluster, and immutability.
 */
@Singleton
public class InstanceGroupSpecChecks {

    public List<FieldError> check(InstanceGroupSpec spec, ClusterSpec clusterOrNull, String appliedClusterName,
                                  List<MalformedValue> malformed) {
        if (spec == null) {
            return MalformedValues.reportFirst(malformed, List.of(new FieldError("spec", "is required")));
        }
        List<FieldError> errors = new ArrayList<>(InstanceGroupSpecValidator.validate(spec, clusterOrNull));
        if (appliedClusterName != null && !appliedClusterName.equals(spec.clusterName)) {
            errors.add(new FieldError("spec.clusterName", "is immutable (was " + appliedClusterName + ")"));
        }
        return MalformedValues.reportFirst(malformed, errors);
    }
}
