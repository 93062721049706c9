package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One subnet of the cluster, kops' ClusterSubnetSpec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.cidr) || has(self.id)", message = "a subnet needs cidr, or id of an existing subnet", fieldPath = ".cidr")
public class ClusterSubnet {
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 63)
    @JsonPropertyDescription("Name of the subnet, a DNS label; InstanceGroups place instances by it. Required.")
    public String name;

    @Required
    @Pattern("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+[a-z]$")
    @JsonPropertyDescription("Availability zone in region, e.g. eu-west-1a. Required.")
    public String zone;

    @Pattern("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$")
    @JsonPropertyDescription("IPv4 CIDR inside networkCIDR, not overlapping other subnets. Required unless id is set.")
    public String cidr;

    @Required
    @SchemaFrom(type = SubnetType.class)
    @JsonPropertyDescription("Public, Private or Utility (public subnets for load balancers and NAT in a private topology). Required.")
    public String type;

    @Pattern("^subnet-[0-9a-f]{8,17}$")
    @Size(max = 24)
    @JsonPropertyDescription("Id of an existing subnet to use (bring your own), never modified or deleted; needs networkID. Immutable once applied (status.applied).")
    public String id;

    @Pattern("^(nat-[0-9a-f]{8,17}|i-[0-9a-f]{8,17}|External)$")
    @JsonPropertyDescription("Private subnets only: egress through an existing NAT gateway (nat-...), an instance (i-...), or External (managed outside Slipway). Default: the NAT gateway that natGateways provides.")
    public String egress;

    /** The subnet type, or null when absent or not one of the allowed values. */
    public SubnetType subnetType() {
        return WireEnums.parse(SubnetType.class, type).orElse(null);
    }
}
