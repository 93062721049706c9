package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.InstanceMetadataOptions;
import io.slipway.api.MixedInstancesPolicySpec;
import io.slipway.api.RootVolumeSpec;
import io.slipway.api.SpecDefaults;
import io.slipway.api.SubnetType;
import io.slipway.aws.autoscaling.AutoScalingGroupSpec;
import io.slipway.aws.autoscaling.AutoScalingGroupKind;
import io.slipway.aws.ec2.LaunchTemplateKind;
import io.slipway.aws.ec2.LaunchTemplateSpec;
import io.slipway.aws.ec2.SecurityGroupSpec;
import io.slipway.aws.ec2.SubnetSpec;
import io.slipway.aws.elb.TargetGroupKind;
import io.slipway.aws.elb.TargetGroupSpec;
import io.slipway.aws.iam.IamInstanceProfileKind;
import io.slipway.aws.iam.IamInstanceProfileSpec;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Ref;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one InstanceGroup owns in the cloud, as a pure function of its Cluster, its spec and {@link
 * InstanceGroupInputs}: a launch template and an auto scaling group under the group's own owner scope. The
 * cluster's subnets, security group, instance profile and API target group are {@link
 * io.slipway.cloud.Lifecycle#EXTERNAL} references (or literal ids of bring-your-own subnets), so no plan of a group
 * touches the cluster's resources or another group's. Expects specs that passed validation.
 */
public final class InstanceGroupModel {
    /** Tag on the auto scaling group (propagated to every instance) and the launch template: the configuration hash. */
    public static final String CONFIG_HASH_TAG = LaunchTemplateKind.CONFIG_HASH_TAG;
    static final String AUTOSCALER_ENABLED_TAG = "k8s.io/cluster-autoscaler/enabled";
    static final String AUTOSCALER_CLUSTER_TAG_PREFIX = "k8s.io/cluster-autoscaler/";
    static final String AUTOSCALER_LABEL_TAG_PREFIX = "k8s.io/cluster-autoscaler/node-template/label/";
    static final String AUTOSCALER_TAINT_TAG_PREFIX = "k8s.io/cluster-autoscaler/node-template/taint/";
    /** AWS allows 50 tags on an auto scaling group; the autoscaler's node template takes what room is left. */
    static final int ASG_MAX_TAGS = 50;
    /** The label every Node of a group registers with (the bootstrap's kubeadm configuration gives it). */
    static final String NODE_GROUP_LABEL = "slipway.io/instance-group";
    static final String INSTANCE_GROUP_TAG = "slipway.io/instancegroup";

    private InstanceGroupModel() {
    }

    public static DesiredGraph build(Cluster cluster, InstanceGroup group, InstanceGroupInputs inputs) {
        ClusterSpec clusterSpec = cluster.getSpec();
        InstanceGroupSpec spec = group.getSpec();
        String groupName = group.getMetadata().getName();
        InstanceGroupRole role = spec.roleValue();
        if (role == null) {
            throw new IllegalArgumentException("spec.role: unknown role " + spec.role);
        }
        AwsNames names = AwsNames.of(cluster);
        Owner clusterOwner = Owners.cluster(cluster);
        DesiredGraph.Builder graph = DesiredGraph.builder(Owners.instanceGroup(cluster.getMetadata().getNamespace(),
                cluster.getMetadata().getName(), groupName))
                // a group's scope only ever owns these: its plans need not look for leftovers of the cluster's kinds
                .ownsOnly(java.util.Set.of(LaunchTemplateKind.NAME, AutoScalingGroupKind.NAME));

        List<Ref> subnets = subnets(graph, clusterOwner, clusterSpec, spec, role);
        SecurityGroupRole securityGroupRole = securityGroupRole(role);
        String securityGroupId = NetworkIds.securityGroup(securityGroupRole);
        graph.external(securityGroupId, clusterOwner, new SecurityGroupSpec(Ref.to(NetworkIds.VPC),
                names.securityGroup(securityGroupRole), securityGroupRole.description(), Map.of()));
        List<Ref> securityGroups = new ArrayList<>();
        securityGroups.add(Ref.to(securityGroupId));
        spec.additionalSecurityGroups.stream().distinct().forEach(id -> securityGroups.add(Ref.literal(id)));
        String profileId = IamIds.instanceProfile(role);
        graph.external(profileId, clusterOwner, new IamInstanceProfileSpec(names.instanceProfile(role), names.iamPath(),
                Map.of()));
        List<Ref> targetGroups = new ArrayList<>();
        if (role == InstanceGroupRole.ControlPlane) {
            graph.external(ApiEndpointIds.TARGET_GROUP, clusterOwner, TargetGroupSpec.tcp(names.apiTargetGroup(),
                    Ref.to(NetworkIds.VPC), ApiEndpointIds.API_PORT, Map.of()));
            targetGroups.add(Ref.output(ApiEndpointIds.TARGET_GROUP, TargetGroupKind.ARN));
        }

        Map<String, String> instanceTags = instanceTags(names, clusterSpec, spec, groupName, role);
        LaunchTemplateSpec.RootVolume volume = rootVolume(spec.rootVolume, inputs.imageRootVolumeSize());
        InstanceMetadataOptions imds = spec.instanceMetadata;
        String httpTokens = imds == null || imds.httpTokens == null ? SpecDefaults.HTTP_TOKENS : imds.httpTokens;
        Integer hopLimit = imds == null ? null : imds.httpPutResponseHopLimit;
        Ref profile = Ref.output(profileId, IamInstanceProfileKind.ARN);
        String configHash = new ConfigHash()
                .with("image", inputs.imageId())
                .with("rootDevice", inputs.rootDeviceName())
                .with("machineType", spec.machineType)
                .with("rootVolume", volume)
                .with("httpTokens", httpTokens)
                .with("hopLimit", hopLimit)
                .with("securityGroups", securityGroups)
                .with("instanceProfile", profile)
                .with("maxPrice", spec.maxPrice)
                .with("userData", inputs.userData())
                .with("kubernetesVersion", clusterSpec.kubernetesVersion)
                .with("nodeLabels", new TreeMap<>(spec.nodeLabels == null ? Map.of() : spec.nodeLabels))
                .with("taints", spec.taints == null ? List.of() : spec.taints)
                .with("instanceTags", instanceTags)
                .hex();

        Map<String, String> templateTags = new ClusterTags(names, merged(clusterSpec.cloudLabels, spec.cloudLabels))
                .forResource(groupScoped(groupName, InstanceGroupIds.LAUNCH_TEMPLATE));
        graph.managed(InstanceGroupIds.LAUNCH_TEMPLATE, new LaunchTemplateSpec(names.launchTemplate(groupName), configHash,
                inputs.imageId(), inputs.rootDeviceName(), spec.machineType, volume, httpTokens, hopLimit, securityGroups,
                profile, spec.maxPrice, inputs.userData(), templateTags, instanceTags));

        Map<String, String> groupTags = new TreeMap<>(instanceTags);
        groupTags.put(CONFIG_HASH_TAG, configHash);
        if (role == InstanceGroupRole.Node) {
            groupTags.put(AUTOSCALER_ENABLED_TAG, "1");
            groupTags.put(AUTOSCALER_CLUSTER_TAG_PREFIX + names.cluster(), "owned");
            autoscalerNodeTemplate(groupName, spec).forEach((key, value) -> {
                if (groupTags.size() < ASG_MAX_TAGS) {
                    groupTags.put(key, value);
                }
            });
        }
        graph.managed(InstanceGroupIds.AUTO_SCALING_GROUP, new AutoScalingGroupSpec(names.autoScalingGroup(groupName),
                Ref.to(InstanceGroupIds.LAUNCH_TEMPLATE), spec.minSize, spec.maxSize, subnets, targetGroups,
                mixedInstances(spec.mixedInstancesPolicy), groupTags));
        return graph.build();
    }

    /**
     * The cluster-autoscaler's node template (as kops tags it): the labels and taints the group's Nodes register with,
     * so that it can scale a group up from zero only for pods that fit there. A taint's tag value is
     * {@code value:effect}, with an empty value for {@code key:effect}. Keys beyond AWS's tag key limit are left out.
     * In order of importance, should they not all fit: the taints (a pod that does not tolerate one must never make
     * the group grow), the group's label, then the user's labels by key.
     */
    private static Map<String, String> autoscalerNodeTemplate(String groupName, InstanceGroupSpec spec) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String taint : spec.taints == null ? List.<String>of() : spec.taints) {
            int effectAt = taint.lastIndexOf(':');
            String keyValue = taint.substring(0, effectAt);
            int valueAt = keyValue.indexOf('=');
            String key = valueAt < 0 ? keyValue : keyValue.substring(0, valueAt);
            String value = valueAt < 0 ? "" : keyValue.substring(valueAt + 1);
            putIfKeyFits(tags, AUTOSCALER_TAINT_TAG_PREFIX + key, value + taint.substring(effectAt));
        }
        putIfKeyFits(tags, AUTOSCALER_LABEL_TAG_PREFIX + NODE_GROUP_LABEL, groupName);
        new TreeMap<>(spec.nodeLabels == null ? Map.of() : spec.nodeLabels)
                .forEach((key, value) -> putIfKeyFits(tags, AUTOSCALER_LABEL_TAG_PREFIX + key, value));
        return tags;
    }

    private static void putIfKeyFits(Map<String, String> tags, String key, String value) {
        if (key.length() <= AwsNames.TAG_KEY_MAX) {
            tags.put(key, value);
        }
    }

    /** {@code spec.subnets}, or every subnet of the role's topology; bring-your-own ones by their literal id. */
    private static List<Ref> subnets(DesiredGraph.Builder graph, Owner clusterOwner, ClusterSpec cluster,
                                     InstanceGroupSpec spec, InstanceGroupRole role) {
        List<ClusterSubnet> chosen = new ArrayList<>();
        if (spec.subnets != null && !spec.subnets.isEmpty()) {
            for (String name : spec.subnets) {
                chosen.add(cluster.subnets.stream().filter(s -> name.equals(s.name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("spec.subnets: the Cluster has no subnet " + name)));
            }
        } else {
            SubnetType type = topologyType(cluster, role);
            cluster.subnets.stream().filter(s -> s.subnetType() == type).forEach(chosen::add);
            if (chosen.isEmpty() && role == InstanceGroupRole.Bastion) {
                cluster.subnets.stream().filter(s -> s.subnetType() == SubnetType.Public).forEach(chosen::add);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("spec.subnets: the Cluster has no subnet for a " + role + " group");
        }
        List<Ref> refs = new ArrayList<>();
        for (ClusterSubnet subnet : chosen) {
            if (subnet.id != null) {
                refs.add(Ref.literal(subnet.id));
            } else {
                String id = NetworkIds.subnet(subnet.name);
                graph.external(id, clusterOwner, SubnetSpec.managed(Ref.to(NetworkIds.VPC), subnet.cidr, subnet.zone, Map.of()));
                refs.add(Ref.to(id));
            }
        }
        return refs;
    }

    private static SubnetType topologyType(ClusterSpec cluster, InstanceGroupRole role) {
        boolean isPrivate = switch (role) {
            case ControlPlane -> cluster.topology != null && cluster.topology.privateControlPlane();
            case Node -> cluster.topology != null && cluster.topology.privateNodes();
            case Bastion -> false;
        };
        if (role == InstanceGroupRole.Bastion) {
            return SubnetType.Utility;
        }
        return isPrivate ? SubnetType.Private : SubnetType.Public;
    }

    private static SecurityGroupRole securityGroupRole(InstanceGroupRole role) {
        return switch (role) {
            case ControlPlane -> SecurityGroupRole.CONTROL_PLANE;
            case Node -> SecurityGroupRole.NODES;
            case Bastion -> SecurityGroupRole.BASTION;
        };
    }

    /** Cluster tags (Name, kubernetes.io/cluster/<name>, cloudLabels of both) plus the group and role. */
    private static Map<String, String> instanceTags(AwsNames names, ClusterSpec cluster, InstanceGroupSpec spec,
                                                    String groupName, InstanceGroupRole role) {
        Map<String, String> tags = new TreeMap<>(new ClusterTags(names, merged(cluster.cloudLabels, spec.cloudLabels))
                .forResource(groupScoped(groupName, "instance")));
        tags.put(INSTANCE_GROUP_TAG, groupName);
        tags.put(switch (role) {
            case ControlPlane -> "k8s.io/role/control-plane";
            case Node -> "k8s.io/role/node";
            case Bastion -> "k8s.io/role/bastion";
        }, "1");
        return tags;
    }

    private static String groupScoped(String groupName, String logicalId) {
        return "instancegroup/" + groupName + "/" + logicalId;
    }

    private static Map<String, String> merged(Map<String, String> cluster, Map<String, String> group) {
        Map<String, String> labels = new TreeMap<>(cluster == null ? Map.of() : cluster);
        if (group != null) {
            labels.putAll(group);
        }
        return labels;
    }

    /** The spec's root volume; its size defaults to the image's, as kops does (and moto needs a size). */
    private static LaunchTemplateSpec.RootVolume rootVolume(RootVolumeSpec spec, Integer imageSize) {
        if (spec == null) {
            return new LaunchTemplateSpec.RootVolume(imageSize, SpecDefaults.ROOT_VOLUME_TYPE, null, null,
                    SpecDefaults.ROOT_VOLUME_ENCRYPTED, null);
        }
        return new LaunchTemplateSpec.RootVolume(spec.size == null ? imageSize : spec.size, spec.type == null ? SpecDefaults.ROOT_VOLUME_TYPE : spec.type,
                spec.iops, spec.throughput, spec.encrypted == null ? SpecDefaults.ROOT_VOLUME_ENCRYPTED : spec.encrypted,
                spec.kmsKeyId);
    }

    private static AutoScalingGroupSpec.MixedInstances mixedInstances(MixedInstancesPolicySpec policy) {
        if (policy == null || policy.instances == null || policy.instances.isEmpty()) {
            return null;
        }
        return new AutoScalingGroupSpec.MixedInstances(policy.instances, policy.onDemandBase, policy.onDemandAboveBase,
                policy.spotAllocationStrategy);
    }
}
