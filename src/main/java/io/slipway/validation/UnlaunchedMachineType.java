package io.slipway.validation;

import io.slipway.api.InstanceGroupSpec;

import java.util.List;
import java.util.Optional;

/**
 * With a mixed instances policy an auto scaling group launches only the policy's instance types; the launch
 * template's (the group's {@code machineType}) is never used. Legal, as in kops, but a machineType outside the list
 * says something that is not so: worth a warning.
 */
public final class UnlaunchedMachineType {
    private UnlaunchedMachineType() {
    }

    /** The warning for a spec whose machineType no instance will have, if it is one. */
    public static Optional<String> warning(InstanceGroupSpec spec) {
        if (spec == null || spec.machineType == null || spec.mixedInstancesPolicy == null) {
            return Optional.empty();
        }
        List<String> instances = Nulls.list(spec.mixedInstancesPolicy.instances);
        if (instances.isEmpty() || instances.contains(spec.machineType)) {
            return Optional.empty();
        }
        return Optional.of("spec.machineType " + spec.machineType + " is not among spec.mixedInstancesPolicy.instances ("
                + String.join(", ", instances) + "): AWS launches only those, so no instance of this group runs "
                + spec.machineType + " (and changing machineType alone replaces instances with the same types); add it to"
                + " the list, first to prefer it");
    }
}
