package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
    @JsonPropertyDescription("Name of the Cluster in the same namespace. Immutable.")
    public String clusterName;

    @Required
    @SchemaFrom(type = InstanceGroupRole.class)
    public String role;

    @Required
    @Pattern("^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.[a-z0-9]+$")
    @JsonPropertyDescription("EC2 instance type, e.g. m6i.large.")
    public String machineType;

    @Required
    @Pattern("^(ami-[0-9a-f]{8,17}|[0-9]{12}/.+|(amazon|aws-marketplace|self|ubuntu|debian|redhat)/.+)$")
    @JsonPropertyDescription("AMI id (ami-...), or owner/name-filter as in kops (e.g. 099720109477/ubuntu/images/*).")
    public String image;

    @Required
    @Min(0)
    @Max(1000)
    public Integer minSize;

    @Required
    @Min(0)
    @Max(1000)
    public Integer maxSize;

    @Size(min = 1)
    @JsonPropertyDescription("Names of subnets of the Cluster to place instances in. Default: all subnets matching the role's topology.")
    public List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") String> subnets;

    public RootVolumeSpec rootVolume;

    @Size(max = 64)
    @ValidationRule(value = "self.all(k, !k.startsWith('node-role.kubernetes.io/') && !k.startsWith('kubernetes.io/') && !k.startsWith('k8s.io/'))",
            message = "nodeLabels may not use the kubernetes.io/ or k8s.io/ prefixes that the kubelet reserves")
    public Map<String, String> nodeLabels = new LinkedHashMap<>();

    @JsonPropertyDescription("Taints as key[=value]:Effect, kops' form.")
    public List<@Pattern("^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?(=[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?:(NoSchedule|PreferNoSchedule|NoExecute)$") String> taints = new ArrayList<>();

    public Map<String, String> cloudLabels = new LinkedHashMap<>();

    public List<@Pattern("^sg-[0-9a-f]{8,17}$") String> additionalSecurityGroups = new ArrayList<>();

    public MixedInstancesPolicySpec mixedInstancesPolicy;

    @Pattern("^[0-9]+(\\.[0-9]+)?$")
    @JsonPropertyDescription("Maximum spot price in USD per hour; setting it requests spot instances.")
    public String maxPrice;

    public InstanceMetadataOptions instanceMetadata;

    @JsonPropertyDescription("Overrides the Cluster's rolling-update defaults for this group.")
    public RollingUpdateSpec rollingUpdate;

    /** The role, or null when absent or not one of the allowed values. */
    public InstanceGroupRole roleValue() {
        return WireEnums.parse(InstanceGroupRole.class, role).orElse(null);
    }
}
