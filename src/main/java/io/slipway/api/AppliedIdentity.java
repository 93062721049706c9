package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The immutable fields of a Cluster as the operator first applied them. A later spec that changes one of them is
 * refused (the CRD's CEL rules do the same on a real API server; this catches it where they do not run).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppliedIdentity {
    @JsonPropertyDescription("spec.region as first applied.")
    public String region;

    @JsonPropertyDescription("spec.networkCIDR as first applied.")
    public String networkCIDR;

    @JsonPropertyDescription("spec.networkID as first applied.")
    public String networkID;

    @JsonPropertyDescription("Subnet name to the id of its existing subnet, for the subnets first applied with an id.")
    public Map<String, String> subnetIDs = new LinkedHashMap<>();
}
