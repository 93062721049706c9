package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Where the control plane and nodes live, kops' TopologySpec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TopologySpec {
    @Default("public")
    public Exposure controlPlane;

    @Default("public")
    public Exposure nodes;

    @JsonPropertyDescription("A bastion host for SSH into private instances.")
    public BastionSpec bastion;
}
