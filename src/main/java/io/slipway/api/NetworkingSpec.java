package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** The pod network, kops' NetworkingSpec: set exactly one of the providers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.cilium) ? 1 : 0) + (has(self.calico) ? 1 : 0) + (has(self.amazonvpc) ? 1 : 0) + (has(self.cni) ? 1 : 0) <= 1",
        message = "set at most one of cilium, calico, amazonvpc, cni")
public class NetworkingSpec {
    @JsonPropertyDescription("Install Cilium, the default when no provider is set.")
    public CniOptions cilium;

    @JsonPropertyDescription("Install Calico.")
    public CniOptions calico;

    @JsonPropertyDescription("Install the Amazon VPC CNI: pods take addresses from the subnets, podCIDR is not used.")
    public CniOptions amazonvpc;

    @JsonPropertyDescription("Install no CNI: bring your own.")
    public CniOptions cni;

    /** The CNI this spec selects; cilium when none is set. */
    public Cni selected() {
        if (calico != null) return Cni.CALICO;
        if (amazonvpc != null) return Cni.AMAZON_VPC;
        if (cni != null) return Cni.NONE;
        return Cni.CILIUM;
    }

    public enum Cni { CILIUM, CALICO, AMAZON_VPC, NONE }
}
