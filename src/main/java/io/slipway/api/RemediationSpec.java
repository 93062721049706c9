package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/** How instances with unhealthy nodes are replaced, after Cluster API's MachineHealthCheck. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RemediationSpec {
    @JsonPropertyDescription("Replace instances whose node stays NotReady, or never joins, for longer than unhealthyAfter. Default: "
            + SpecDefaults.REMEDIATION_ENABLED + " on a Cluster; an InstanceGroup takes the Cluster's.")
    public Boolean enabled;

    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("How long a node may be NotReady, or missing, before its instance is replaced, counted from the later of the "
            + "instance's launch and the node's last Ready transition; a Go duration such as 5m. Default: "
            + SpecDefaults.UNHEALTHY_AFTER + " on a Cluster; an InstanceGroup takes the Cluster's.")
    public String unhealthyAfter;

    @ValidationRule(value = "type(self) == int ? self >= 0 : string(self).matches('^(0|[1-9][0-9]?|100)%$')",
            message = "maxUnhealthy must be a count like 2 or a percentage from 0% to 100%")
    @JsonPropertyDescription("Remediation stops while more than this many of the group's instances are unhealthy, because then the fault is "
            + "not in the nodes: a count or a percentage of the group, e.g. 2 or 40%. Default: " + SpecDefaults.MAX_UNHEALTHY
            + " on a Cluster; an InstanceGroup takes the Cluster's.")
    public IntOrString maxUnhealthy;
}
