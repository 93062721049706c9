package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Desired state of a cluster. Field names follow kops' ClusterSpec wherever kops has the concept. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(oldSelf.networkCIDR) || (has(self.networkCIDR) && self.networkCIDR == oldSelf.networkCIDR)",
        message = "networkCIDR is immutable", fieldPath = ".networkCIDR", reason = "FieldValueForbidden")
@ValidationRule(value = "has(oldSelf.networkID) == has(self.networkID) && (!has(self.networkID) || self.networkID == oldSelf.networkID)",
        message = "networkID is immutable", fieldPath = ".networkID", reason = "FieldValueForbidden")
@ValidationRule(value = "has(self.networkCIDR) || has(self.networkID)",
        message = "networkCIDR is required unless networkID names an existing VPC", fieldPath = ".networkCIDR", reason = "FieldValueRequired")
@ValidationRule(value = "!has(self.topology) || !has(self.topology.nodes) || self.topology.nodes != 'private' || self.subnets.exists(s, s.type == 'Private')",
        message = "private node topology needs at least one Private subnet", fieldPath = ".subnets")
@ValidationRule(value = "!has(self.topology) || !has(self.topology.nodes) || self.topology.nodes != 'private' || self.subnets.exists(s, s.type == 'Utility')",
        message = "private node topology needs Utility subnets for load balancers and NAT", fieldPath = ".subnets")
public class ClusterSpec {

    @Required
    @Pattern("^v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$")
    @JsonPropertyDescription("Kubernetes version to run, semver (e.g. 1.31.4).")
    public String kubernetesVersion;

    @Required
    @Pattern("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$")
    @ValidationRule(value = "self == oldSelf", message = "region is immutable", reason = "FieldValueForbidden")
    @JsonPropertyDescription("AWS region of the cluster. Immutable.")
    public String region;

    @JsonPropertyDescription("AWS identity used for this cluster. Default: the operator's own credentials.")
    public AwsIdentity identity;

    @JsonPropertyDescription("Extra tags put on every AWS resource of the cluster.")
    public Map<String, String> cloudLabels = new LinkedHashMap<>();

    @Pattern("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$")
    @JsonPropertyDescription("CIDR of the cluster's VPC. Immutable.")
    public String networkCIDR;

    @Pattern("^vpc-[0-9a-f]{8,17}$")
    @JsonPropertyDescription("Id of an existing VPC to use (bring your own). Immutable; Slipway never modifies or deletes it.")
    public String networkID;

    @Pattern("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$")
    @JsonPropertyDescription("CIDR of pod IPs. Default 100.96.0.0/11.")
    public String podCIDR;

    @Pattern("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$")
    @JsonPropertyDescription("CIDR of Service cluster IPs. Default 100.64.0.0/13.")
    public String serviceClusterIPRange;

    @Required
    @Size(min = 1, max = 64)
    @ValidationRule(value = "self.all(s, self.exists_one(t, t.name == s.name))", message = "subnet names must be unique")
    // on the list, not on subnets[].id: the API server refuses oldSelf below an atomic list (items cannot be correlated)
    @ValidationRule(value = "oldSelf.all(o, self.all(s, s.name != o.name || (has(s.id) == has(o.id) && (!has(s.id) || s.id == o.id))))",
            message = "subnet id is immutable: a subnet keeps the id it was created with", reason = "FieldValueForbidden")
    @JsonPropertyDescription("Subnets of the cluster, one or more per zone.")
    public List<ClusterSubnet> subnets = new ArrayList<>();

    @Default("PerZone")
    @JsonPropertyDescription("NAT gateways for private subnets: one per zone, a single one, or none.")
    @SchemaFrom(type = NatGatewayMode.class)
    public String natGateways;

    public TopologySpec topology;

    public NetworkingSpec networking;

    public ApiSpec api;

    @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?\\.?$")
    @JsonPropertyDescription("Route53 zone for the API name. Empty means DNS-less: clients use the load balancer's name.")
    public String dnsZone;

    @JsonPropertyDescription("CIDRs allowed to reach the Kubernetes API (port 443). Default 0.0.0.0/0.")
    public List<String> kubernetesApiAccess = new ArrayList<>();

    @JsonPropertyDescription("CIDRs allowed to SSH to the instances. SSH is closed when empty.")
    public List<String> sshAccess = new ArrayList<>();

    @JsonPropertyDescription("Name of an existing EC2 key pair for the instances.")
    public String sshKeyName;

    public IamSpec iam;

    @JsonPropertyDescription("Rolling-update defaults for all instance groups.")
    public RollingUpdateSpec rollingUpdate;

    @JsonPropertyDescription("Stop reconciling: nothing is read from or written to AWS.")
    public boolean paused;

    @JsonPropertyDescription("Compute and publish the plan of changes in status, but apply nothing (kops update cluster without --yes).")
    public boolean planOnly;

    /** The NAT mode, PerZone when absent, null when not one of the allowed values. */
    public NatGatewayMode natGatewayMode() {
        return natGateways == null ? NatGatewayMode.PerZone : WireEnums.parse(NatGatewayMode.class, natGateways).orElse(null);
    }
}
