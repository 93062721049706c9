package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Where the control plane and nodes live, kops' TopologySpec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TopologySpec {
    @Default(SpecDefaults.EXPOSURE)
    @SchemaFrom(type = Exposure.class)
    @JsonPropertyDescription("public: control-plane instances get public addresses; private: they sit in Private subnets behind NAT. Default: "
            + SpecDefaults.EXPOSURE + ".")
    public String controlPlane;

    @Default(SpecDefaults.EXPOSURE)
    @SchemaFrom(type = Exposure.class)
    @JsonPropertyDescription("public or private, as controlPlane; private needs Private subnets and Utility subnets in their zones. Default: "
            + SpecDefaults.EXPOSURE + ".")
    public String nodes;

    @JsonPropertyDescription("A bastion host for SSH into private instances.")
    public BastionSpec bastion;

    public boolean privateNodes() {
        return WireEnums.wireName(Exposure.PRIVATE).equals(nodes);
    }

    public boolean privateControlPlane() {
        return WireEnums.wireName(Exposure.PRIVATE).equals(controlPlane);
    }
}
