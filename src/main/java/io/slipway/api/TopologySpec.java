package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Where the control plane and nodes live, kops' TopologySpec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TopologySpec {
    @Default("public")
    @SchemaFrom(type = Exposure.class)
    public String controlPlane;

    @Default("public")
    @SchemaFrom(type = Exposure.class)
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
