package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The immutable fields of a Cluster as the operator first applied them. A later spec that changes one of them is
 * refused (the CRD's CEL rules do the same on a real API server; this catches it where they do not run).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppliedIdentity {
    public String region;
    public String networkCIDR;
    public String networkID;
    /** subnet name → bring-your-own subnet id, for the subnets that had one. */
    public Map<String, String> subnetIDs = new LinkedHashMap<>();
}
