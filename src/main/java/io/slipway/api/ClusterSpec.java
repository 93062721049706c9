package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
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
@SchemaCustomizer(ClusterSpecSchemaDefaults.class)
@ValidationRule(value = "has(self.networkCIDR) || has(self.networkID)",
        message = "networkCIDR is required unless networkID names an existing VPC", fieldPath = ".networkCIDR", reason = "FieldValueRequired")
@ValidationRule(value = "!has(self.topology) || !has(self.topology.nodes) || self.topology.nodes != 'private' || self.subnets.exists(s, s.type == 'Private')",
        message = "private node topology needs at least one Private subnet", fieldPath = ".subnets")
@ValidationRule(value = "!has(self.topology) || !has(self.topology.nodes) || self.topology.nodes != 'private' || self.subnets.exists(s, s.type == 'Utility')",
        message = "private node topology needs Utility subnets for load balancers and NAT", fieldPath = ".subnets")
public class ClusterSpec {

    @Required
    @Pattern("^v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$")
    @JsonPropertyDescription("Kubernetes version to run, semver such as 1.31.4 (a leading v is allowed), within the supported range. Required.")
    public String kubernetesVersion;

    @Required
    @Pattern("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$")
    @JsonPropertyDescription("AWS region of the cluster, e.g. eu-west-1. Immutable once the operator has applied it (status.applied). Required.")
    public String region;

    @JsonPropertyDescription("How the operator authenticates to AWS for this cluster: a role to assume or static keys from a Secret. Default: the operator's own credentials.")
    public AwsIdentity identity;

    @JsonPropertyDescription("Extra tags put on every AWS resource of the cluster. AWS tag limits apply; no aws:, kubernetes.io/cluster/ or slipway.io/ keys.")
    public Map<String, String> cloudLabels = new LinkedHashMap<>();

    @Pattern("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$")
    @JsonPropertyDescription("IPv4 CIDR of the VPC Slipway creates, e.g. 10.0.0.0/16. Required unless networkID is set; immutable once applied (status.applied).")
    public String networkCIDR;

    @Pattern("^vpc-[0-9a-f]{8,17}$")
    @JsonPropertyDescription("Id of an existing VPC to use (bring your own). Immutable once applied (status.applied); Slipway never modifies or deletes it.")
    public String networkID;

    @Pattern("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$")
    @Default(SpecDefaults.POD_CIDR)
    @JsonPropertyDescription("IPv4 CIDR that pod IPs come from, a /24 per node; must not overlap the VPC or serviceClusterIPRange (not used with amazonvpc). Default: "
            + SpecDefaults.POD_CIDR + ".")
    public String podCIDR;

    @Pattern("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$")
    @Default(SpecDefaults.SERVICE_CLUSTER_IP_RANGE)
    @JsonPropertyDescription("IPv4 CIDR of Service cluster IPs; must not overlap the VPC or podCIDR. Default: "
            + SpecDefaults.SERVICE_CLUSTER_IP_RANGE + ".")
    public String serviceClusterIPRange;

    @Required
    @Size(min = 1, max = 64)
    @ValidationRule(value = "self.all(s, self.exists_one(t, t.name == s.name))", message = "subnet names must be unique")
    @JsonPropertyDescription("Subnets of the cluster, 1-64 with unique names; one or more per zone. Required.")
    public List<ClusterSubnet> subnets = new ArrayList<>();

    @Default(SpecDefaults.NAT_GATEWAYS)
    @JsonPropertyDescription("NAT gateways for Private subnets: PerZone (one in each zone), Single (one for all zones) or None (Private subnets then need egress). Default: "
            + SpecDefaults.NAT_GATEWAYS + ".")
    @SchemaFrom(type = NatGatewayMode.class)
    public String natGateways;

    // {} so that a real API server goes on to default the fields inside (it defaults a field only when its parent exists)
    @Default("{}")
    @JsonPropertyDescription("Where the control plane and nodes live: in public subnets, or in private ones behind NAT. Default: both public.")
    public TopologySpec topology;

    // No schema default (cilium: {}): a server-filled member of this one-of would stay next to the one a user
    // later applies, and the pair is refused.
    @JsonPropertyDescription("The pod network (CNI): at most one of cilium, calico, amazonvpc and cni. Default: cilium when none is set.")
    public NetworkingSpec networking;

    @Default("{}")
    @JsonPropertyDescription("How clients reach the Kubernetes API: its load balancer and DNS name. Default: a Public load balancer.")
    public ApiSpec api;

    @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?\\.?$")
    @JsonPropertyDescription("Route53 hosted zone that gets the API's DNS record, e.g. example.com. Default: none, DNS-less: clients use the load balancer's name.")
    public String dnsZone;

    @Default("[\"" + SpecDefaults.KUBERNETES_API_ACCESS + "\"]")
    @JsonPropertyDescription("IPv4 CIDRs allowed to reach the Kubernetes API on port 443; empty means the default. Default: ["
            + SpecDefaults.KUBERNETES_API_ACCESS + "].")
    public List<String> kubernetesApiAccess = new ArrayList<>();

    @JsonPropertyDescription("IPv4 CIDRs allowed to SSH (port 22) to the instances. Default: none, SSH is closed.")
    public List<String> sshAccess = new ArrayList<>();

    @JsonPropertyDescription("Name of an existing EC2 key pair installed on the instances. Default: none.")
    public String sshKeyName;

    @JsonPropertyDescription("IAM of the roles Slipway creates: a permissions boundary and extra policies.")
    public IamSpec iam;

    @Default("{}")
    @JsonPropertyDescription("How instances are replaced when their configuration changes, for every InstanceGroup that does not override it. Default: maxSurge "
            + SpecDefaults.MAX_SURGE + ", maxUnavailable " + SpecDefaults.MAX_UNAVAILABLE + ", drainTimeout " + SpecDefaults.DRAIN_TIMEOUT
            + ", validationTimeout " + SpecDefaults.VALIDATION_TIMEOUT + ".")
    public RollingUpdateSpec rollingUpdate;

    @Default("{}")
    @JsonPropertyDescription("How instances whose nodes stay unhealthy are replaced, for every InstanceGroup that does not override it. Default: enabled "
            + SpecDefaults.REMEDIATION_ENABLED + ", unhealthyAfter " + SpecDefaults.UNHEALTHY_AFTER + ", maxUnhealthy " + SpecDefaults.MAX_UNHEALTHY + ".")
    public RemediationSpec remediation;

    @Default("false")
    @JsonPropertyDescription("Stop reconciling: nothing is read from or written to AWS. Default: false.")
    public boolean paused;

    @Default("false")
    @JsonPropertyDescription("Compute and publish the plan of changes in status.plan, but apply nothing (kops update cluster without --yes). Default: false.")
    public boolean planOnly;

    /** The NAT mode, PerZone when absent, null when not one of the allowed values. */
    public NatGatewayMode natGatewayMode() {
        return natGateways == null ? NatGatewayMode.valueOf(SpecDefaults.NAT_GATEWAYS) : WireEnums.parse(NatGatewayMode.class, natGateways).orElse(null);
    }
}
