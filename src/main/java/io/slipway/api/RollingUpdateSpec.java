package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/** How instances are replaced, kops' RollingUpdate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.maxSurge) && has(self.maxUnavailable) && string(self.maxSurge) in ['0', '0%'] && string(self.maxUnavailable) in ['0', '0%'])",
        message = "maxSurge and maxUnavailable cannot both be 0")
public class RollingUpdateSpec {
    @JsonPropertyDescription("Extra instances started before old ones are drained: a number or a percentage of the group, e.g. 1 or 25%. Default: "
            + SpecDefaults.MAX_SURGE + " on a Cluster; an InstanceGroup takes the Cluster's.")
    public IntOrString maxSurge;

    @JsonPropertyDescription("Instances that may be unavailable during the update: a number or a percentage of the group; not 0 together with maxSurge 0. Default: "
            + SpecDefaults.MAX_UNAVAILABLE + " on a Cluster; an InstanceGroup takes the Cluster's.")
    public IntOrString maxUnavailable;

    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("How long to wait for a node to drain before its instance is terminated, a Go duration such as 15m or 1h30m. Default: "
            + SpecDefaults.DRAIN_TIMEOUT + " on a Cluster; an InstanceGroup takes the Cluster's.")
    public String drainTimeout;

    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("How long to wait for the cluster to validate after each replacement, a Go duration such as 15m. Default: "
            + SpecDefaults.VALIDATION_TIMEOUT + " on a Cluster; an InstanceGroup takes the Cluster's.")
    public String validationTimeout;

    @JsonPropertyDescription("True stops the rolling update before its next step (a drain in progress is not undone); false "
            + "or unset resumes it. Default: false on a Cluster; an InstanceGroup takes the Cluster's.")
    public Boolean paused;
}
