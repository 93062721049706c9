package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ids of the network resources, as found in AWS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkStatus {
    @JsonPropertyDescription("Fingerprint of the desired network last seen converged: changes found against it are drift.")
    public String convergedFingerprint;

    @JsonPropertyDescription("Id of the cluster's VPC (vpc-...).")
    public String vpcId;

    @JsonPropertyDescription("Id of the VPC's internet gateway (igw-...).")
    public String internetGatewayId;

    @JsonPropertyDescription("The cluster's subnets as found in AWS.")
    public List<SubnetStatus> subnets = new ArrayList<>();

    @JsonPropertyDescription("The NAT gateways as found in AWS, one per zone or a single one.")
    public List<NatGatewayStatus> natGateways = new ArrayList<>();

    @JsonPropertyDescription("Security group id (sg-...) by role: controlPlane, nodes, apiLoadBalancer, bastion.")
    public Map<String, String> securityGroups = new LinkedHashMap<>();

    @JsonPropertyDescription("Route table id (rtb-...) by name: public, private-<zone>.")
    public Map<String, String> routeTables = new LinkedHashMap<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SubnetStatus {
        @JsonPropertyDescription("Name of the subnet in spec.subnets.")
        public String name;

        @JsonPropertyDescription("Subnet id (subnet-...).")
        public String id;

        @JsonPropertyDescription("Availability zone of the subnet.")
        public String zone;

        @JsonPropertyDescription("IPv4 CIDR of the subnet.")
        public String cidr;

        @JsonPropertyDescription("Public, Private or Utility.")
        public String type;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class NatGatewayStatus {
        @JsonPropertyDescription("Availability zone of the NAT gateway.")
        public String zone;

        @JsonPropertyDescription("NAT gateway id (nat-...).")
        public String id;

        @JsonPropertyDescription("Public IPv4 address of the NAT gateway.")
        public String publicIP;

        @JsonPropertyDescription("State in AWS: pending, available, deleting, deleted or failed.")
        public String state;
    }
}
