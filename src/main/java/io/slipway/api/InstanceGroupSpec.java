package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Desired state of an instance group. Field names follow kops' InstanceGroupSpec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.minSize <= self.maxSize", message = "minSize must not exceed maxSize", fieldPath = ".minSize")
@ValidationRule(value = "self.role != 'ControlPlane' || self.minSize % 2 == 1", message = "a control plane needs an odd number of members for etcd quorum", fieldPath = ".minSize")
@ValidationRule(value = "!has(self.maxPrice) || !has(self.mixedInstancesPolicy)", message = "maxPrice and mixedInstancesPolicy cannot be combined; set spot options in mixedInstancesPolicy", fieldPath = ".maxPrice")
public class InstanceGroupSpec {
    @Required
    @Pattern(NameRules.DNS_LABEL)
    @Size(max = NameRules.MAX_LENGTH)
    @ValidationRule(value = "self == oldSelf", message = "clusterName is immutable", reason = "FieldValueForbidden")
    @JsonPropertyDescription("Name of the Cluster in the same namespace that this group belongs to. Immutable. Required.")
    public String clusterName;

    @Required
    @SchemaFrom(type = InstanceGroupRole.class)
    @JsonPropertyDescription("What the instances are: ControlPlane (API server and etcd), Node (workloads) or Bastion (SSH jump host). Required.")
    public String role;

    @Required
    @Pattern("^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.[a-z0-9]+$")
    @JsonPropertyDescription("EC2 instance type, e.g. m6i.large. Required.")
    public String machineType;

    @Required
    @Pattern("^(ami-[0-9a-f]{8,17}|[0-9]{12}/.+|(amazon|aws-marketplace|self|ubuntu|debian|redhat)/.+)$")
    @JsonPropertyDescription("AMI id (ami-...), or owner/name-filter as in kops, e.g. 099720109477/ubuntu/images/*. Required.")
    public String image;

    @Required
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Fewest instances, 0-1000, at most maxSize; odd for a control plane (etcd quorum). Required.")
    public Integer minSize;

    @Required
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Most instances, 0-1000. Required.")
    public Integer maxSize;

    @Size(min = 1)
    @JsonPropertyDescription("Names of the Cluster's subnets to place instances in. Default: all subnets of the role's topology.")
    public List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") String> subnets;

    // {} so that a real API server goes on to default the fields inside (it defaults a field only when its parent exists)
    @Default("{}")
    @JsonPropertyDescription("The instances' root EBS volume. Default: " + SpecDefaults.ROOT_VOLUME_TYPE + ", encrypted, the image's size.")
    public RootVolumeSpec rootVolume;

    @Size(max = 64)
    @JsonPropertyDescription("Labels put on the group's Kubernetes nodes, at most 64; no kubernetes.io/ or k8s.io/ prefixes.")
    @ValidationRule(value = "self.all(k, !k.startsWith('node-role.kubernetes.io/') && !k.startsWith('kubernetes.io/') && !k.startsWith('k8s.io/'))",
            message = "nodeLabels may not use the kubernetes.io/ or k8s.io/ prefixes that the kubelet reserves")
    public Map<String, String> nodeLabels = new LinkedHashMap<>();

    @JsonPropertyDescription("Taints put on the group's nodes, as key[=value]:Effect with Effect NoSchedule, PreferNoSchedule or NoExecute (kops' form).")
    public List<@Pattern("^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?(=[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?:(NoSchedule|PreferNoSchedule|NoExecute)$") String> taints = new ArrayList<>();

    @JsonPropertyDescription("Extra tags on this group's AWS resources, on top of the Cluster's cloudLabels.")
    public Map<String, String> cloudLabels = new LinkedHashMap<>();

    @JsonPropertyDescription("Ids of existing security groups (sg-...) attached to the instances besides Slipway's own.")
    public List<@Pattern("^sg-[0-9a-f]{8,17}$") String> additionalSecurityGroups = new ArrayList<>();

    @JsonPropertyDescription("Several instance types and spot instances in one group, kops' MixedInstancesPolicy. Not with maxPrice.")
    public MixedInstancesPolicySpec mixedInstancesPolicy;

    @Pattern("^[0-9]+(\\.[0-9]+)?$")
    @JsonPropertyDescription("Highest spot price in USD per hour, e.g. 0.05; setting it requests spot instances. Not with mixedInstancesPolicy. Default: on-demand instances.")
    public String maxPrice;

    @Default("{}")
    @JsonPropertyDescription("Instance metadata service (IMDS) options. Default: IMDSv2 only (httpTokens " + SpecDefaults.HTTP_TOKENS + ").")
    public InstanceMetadataOptions instanceMetadata;

    @JsonPropertyDescription("How this group's instances are replaced; each field left unset takes the Cluster's rollingUpdate value. Default: the Cluster's.")
    public RollingUpdateSpec rollingUpdate;

    @JsonPropertyDescription("How this group's instances whose nodes stay unhealthy are replaced; each field left unset takes the Cluster's remediation value. Default: the Cluster's.")
    public RemediationSpec remediation;

    /** The role, or null when absent or not one of the allowed values. */
    public InstanceGroupRole roleValue() {
        return WireEnums.parse(InstanceGroupRole.class, role).orElse(null);
    }
}
