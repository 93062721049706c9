package io.slipway.kops;

import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.InstanceMetadataOptions;
import io.slipway.api.MixedInstancesPolicySpec;
import io.slipway.api.RootVolumeSpec;
import io.slipway.validation.FieldError;

import java.util.Iterator;
import java.util.Map;

/** A kops v1alpha2 InstanceGroup to a Slipway InstanceGroup spec; every kops field it does not map goes to the {@link Leftovers}. */
final class KopsInstanceGroupConverter {
    private static final String[] RESERVED_LABEL_PREFIXES = {"node-role.kubernetes.io/", "kubernetes.io/", "k8s.io/"};

    /** The converted group: its spec, or, when it cannot be converted at all, why (then spec is null). */
    record Converted(String name, InstanceGroupSpec spec, FieldError refusal) {
    }

    private KopsInstanceGroupConverter() {
    }

    static Converted convert(KopsDocument document, String clusterName, Leftovers leftovers) {
        String name = document.name();
        KopsFields spec = new KopsFields(document.content().path("spec"), "spec", leftovers);
        String kopsRole = spec.text("role");
        InstanceGroupRole role = role(kopsRole);
        if (role == null) {
            return new Converted(name, null, new FieldError("spec.role", refusal(kopsRole)));
        }
        InstanceGroupSpec out = new InstanceGroupSpec();
        out.clusterName = clusterName;
        out.role = role.name();
        out.machineType = spec.text("machineType");
        String image = spec.text("image");
        if (image != null) {
            out.image = KopsImages.convert(image);
            if (out.image == null) {
                leftovers.add("spec.image", image + ": Slipway does not read SSM parameters; set the AMI id or owner/name it resolves to");
            }
        }
        out.minSize = spec.integer("minSize");
        out.maxSize = spec.integer("maxSize");
        if (out.minSize == null && !spec.has("minSize")) {
            // kops' defaults for a group without sizes
            out.minSize = role == InstanceGroupRole.Node ? 2 : 1;
        }
        if (out.maxSize == null && !spec.has("maxSize")) {
            out.maxSize = out.minSize;
        }
        out.subnets = spec.texts("subnets");
        if (out.subnets.isEmpty()) {
            out.subnets = null;
        }
        spec.drop("zones", "kops' older placement by zone; Slipway places instances by subnet name (spec.subnets)");
        out.rootVolume = rootVolume(spec);
        out.nodeLabels = nodeLabels(spec);
        out.taints = spec.texts("taints");
        out.cloudLabels = spec.textMap("cloudLabels");
        out.additionalSecurityGroups = spec.texts("additionalSecurityGroups");
        out.mixedInstancesPolicy = mixedInstancesPolicy(spec.object("mixedInstancesPolicy"));
        out.maxPrice = spec.text("maxPrice");
        out.instanceMetadata = instanceMetadata(spec.object("instanceMetadata"));
        out.rollingUpdate = KopsRollingUpdate.convert(spec.object("rollingUpdate"));

        String manager = spec.text("manager");
        if (manager != null && !"CloudGroup".equals(manager)) {
            leftovers.add("spec.manager", "Slipway runs every group as an auto scaling group (kops' CloudGroup), not " + manager);
        }
        spec.drop("iam", "Slipway creates each role's instance profile itself; add statements through the Cluster's iam.additionalPolicies");
        spec.drop("associatePublicIp", "a Slipway instance gets a public address exactly when its subnet is Public or Utility");
        KopsFields kubelet = spec.object("kubelet");
        if (kubelet != null) {
            kubelet.restAsUnexposed("kubelet");
        }
        spec.rest(key -> "Slipway's InstanceGroup has no such setting");
        return new Converted(name, out, null);
    }

    private static InstanceGroupRole role(String kopsRole) {
        if (kopsRole == null) {
            return null;
        }
        return switch (kopsRole) {
            case "Master", "ControlPlane" -> InstanceGroupRole.ControlPlane;
            case "Node" -> InstanceGroupRole.Node;
            case "Bastion" -> InstanceGroupRole.Bastion;
            default -> null;
        };
    }

    private static String refusal(String kopsRole) {
        if (kopsRole == null) {
            return "the group has no role; kops' roles are Master, ControlPlane, Node, Bastion and APIServer; the group is left out";
        }
        if (kopsRole.equals("APIServer")) {
            return "APIServer groups (kube-apiserver without etcd) have no Slipway equivalent: Slipway runs the API server on the ControlPlane group; the group is left out";
        }
        return "\"" + kopsRole + "\" is not a kops role (Master, ControlPlane, Node, Bastion, APIServer); the group is left out";
    }

    /** The newer rootVolume block, else the older rootVolume* fields. */
    private static RootVolumeSpec rootVolume(KopsFields spec) {
        RootVolumeSpec out = new RootVolumeSpec();
        out.size = spec.integer("rootVolumeSize");
        out.type = spec.text("rootVolumeType");
        out.iops = spec.integer("rootVolumeIops");
        out.throughput = spec.integer("rootVolumeThroughput");
        out.encrypted = spec.bool("rootVolumeEncryption");
        out.kmsKeyId = spec.text("rootVolumeEncryptionKey");
        spec.drop("rootVolumeOptimization", "Slipway leaves EBS optimization to the instance type");
        spec.drop("rootVolumeDeleteOnTermination", "Slipway always deletes a root volume with its instance");
        KopsFields block = spec.object("rootVolume");
        if (block != null) {
            out.size = orElse(block.integer("size"), out.size);
            out.type = orElse(block.text("type"), out.type);
            out.iops = orElse(block.integer("iops"), out.iops);
            out.throughput = orElse(block.integer("throughput"), out.throughput);
            out.encrypted = orElse(block.bool("encryption"), out.encrypted);
            out.kmsKeyId = orElse(block.text("encryptionKey"), out.kmsKeyId);
            block.drop("optimization", "Slipway leaves EBS optimization to the instance type");
            block.drop("deleteOnTermination", "Slipway always deletes a root volume with its instance");
            block.rest(key -> "Slipway's rootVolume has no such setting");
        }
        boolean empty = out.size == null && out.type == null && out.iops == null && out.throughput == null && out.encrypted == null
                && out.kmsKeyId == null;
        return empty ? null : out;
    }

    private static <T> T orElse(T value, T other) {
        return value != null ? value : other;
    }

    private static Map<String, String> nodeLabels(KopsFields spec) {
        Map<String, String> labels = spec.textMap("nodeLabels");
        for (Iterator<Map.Entry<String, String>> it = labels.entrySet().iterator(); it.hasNext(); ) {
            String key = it.next().getKey();
            for (String prefix : RESERVED_LABEL_PREFIXES) {
                if (key.startsWith(prefix)) {
                    spec.leftovers().add("spec.nodeLabels[" + key + "]",
                            "the kubelet reserves the kubernetes.io/ and k8s.io/ prefixes; Slipway sets node roles itself");
                    it.remove();
                    break;
                }
            }
        }
        return labels;
    }

    private static MixedInstancesPolicySpec mixedInstancesPolicy(KopsFields policy) {
        if (policy == null) {
            return null;
        }
        MixedInstancesPolicySpec out = new MixedInstancesPolicySpec();
        out.instances = policy.texts("instances");
        out.onDemandBase = policy.integer("onDemandBase");
        out.onDemandAboveBase = policy.integer("onDemandAboveBase");
        out.spotAllocationStrategy = policy.text("spotAllocationStrategy");
        policy.rest(key -> "Slipway's mixedInstancesPolicy has no such setting");
        return out;
    }

    private static InstanceMetadataOptions instanceMetadata(KopsFields metadata) {
        if (metadata == null) {
            return null;
        }
        InstanceMetadataOptions out = new InstanceMetadataOptions();
        out.httpTokens = metadata.text("httpTokens");
        out.httpPutResponseHopLimit = metadata.integer("httpPutResponseHopLimit");
        metadata.rest(key -> "Slipway's instanceMetadata has no such setting");
        return out;
    }
}
