package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ids of the network resources, as found in AWS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkStatus {
    /** Fingerprint of the desired network last seen converged: changes found against it are drift. */
    public String convergedFingerprint;
    public String vpcId;
    public String internetGatewayId;
    public List<SubnetStatus> subnets = new ArrayList<>();
    public List<NatGatewayStatus> natGateways = new ArrayList<>();
    /** role (controlPlane, nodes, apiLoadBalancer, bastion) → security group id. */
    public Map<String, String> securityGroups = new LinkedHashMap<>();
    public Map<String, String> routeTables = new LinkedHashMap<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SubnetStatus {
        public String name;
        public String id;
        public String zone;
        public String cidr;
        public String type;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class NatGatewayStatus {
        public String zone;
        public String id;
        public String publicIP;
        public String state;
    }
}
