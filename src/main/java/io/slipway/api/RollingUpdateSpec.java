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
    @JsonPropertyDescription("Extra instances to start before old ones are drained: a number or a percentage. Default 1.")
    public IntOrString maxSurge;

    @JsonPropertyDescription("Instances that may be unavailable during the update: a number or a percentage. Default 0.")
    public IntOrString maxUnavailable;

    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("How long to wait for a node to drain before terminating it (Go duration). Default 15m.")
    public String drainTimeout;

    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("How long to wait for the cluster to validate after each replacement (Go duration). Default 15m.")
    public String validationTimeout;
}
