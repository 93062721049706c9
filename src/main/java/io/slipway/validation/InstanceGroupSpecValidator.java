package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.Exposure;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.api.MixedInstancesPolicySpec;
import io.slipway.api.SubnetType;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks an InstanceGroup spec before any AWS call: the CRD schema and CEL rules, plus EBS, tag, label and
 * taint rules. When its Cluster is known, also the checks that need it: subnets exist and suit the role, tag
 * count, inherited rolling-update values, KMS key region.
 */
public final class InstanceGroupSpecValidator {
    private static final Pattern LABEL_NAME = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");
    private static final Pattern LABEL_PREFIX = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private InstanceGroupSpecValidator() {
    }

    /** Checks an InstanceGroup's metadata.name against {@link io.slipway.api.NameRules}, as the CRD's CEL rule does. */
    public static List<FieldError> validateName(String name) {
        return NameCheck.check(name, CelMessages.INSTANCE_GROUP_NAME);
    }

    /**
     * All errors of the spec; empty when valid.
     *
     * @param cluster the spec of the Cluster named by clusterName, or null when it is not known (yet): then the
     *                checks that need it are skipped
     */
    public static List<FieldError> validate(InstanceGroupSpec ig, ClusterSpec cluster) {
        ErrorList errors = new ErrorList();
        if (ig == null) {
            errors.add("spec", "required: an InstanceGroup needs a spec");
            return errors.toList();
        }
        SchemaRules.check(ig, "spec", errors);
        checkSizes(ig, errors);
        checkSpot(ig, errors);
        checkArchitecture(ig, errors);
        checkNodeLabels(Nulls.map(ig.nodeLabels), errors);
        checkTaints(ig, errors);
        Duplicates.check(Nulls.list(ig.subnets), "spec.subnets", errors);
        Duplicates.check(ig.additionalSecurityGroups, "spec.additionalSecurityGroups", errors);
        RootVolumeRules.check(ig.rootVolume, cluster, errors);
        AwsTags.check(Nulls.map(ig.cloudLabels), "spec.cloudLabels", errors);
        RollingUpdateRules.check(ig.rollingUpdate, cluster == null ? null : cluster.rollingUpdate, "spec.rollingUpdate",
                "the Cluster's rollingUpdate", errors);
        RemediationRules.check(ig.remediation, "spec.remediation", errors);
        if (cluster != null) {
            checkSubnets(ig, cluster, errors);
            checkMergedTags(ig, cluster, errors);
        }
        return errors.toList();
    }

    private static void checkSizes(InstanceGroupSpec ig, ErrorList errors) {
        if (ig.minSize == null || ig.maxSize == null) {
            return;
        }
        if (ig.minSize > ig.maxSize) {
            errors.add("spec.minSize", CelMessages.MIN_NOT_ABOVE_MAX + " (minSize " + ig.minSize + ", maxSize " + ig.maxSize + ")");
        }
        if (ig.roleValue() == InstanceGroupRole.ControlPlane) {
            if (ig.minSize % 2 != 1) {
                errors.add("spec.minSize", CelMessages.CONTROL_PLANE_ODD + " (got " + ig.minSize + "; use 1, 3 or 5)");
            } else if (!ig.maxSize.equals(ig.minSize) && !errors.has("spec.minSize")) {
                errors.add("spec.maxSize", "a control plane does not autoscale, its etcd membership is fixed: set maxSize equal to minSize ("
                        + ig.minSize + ")");
            }
        }
    }

    private static void checkSpot(InstanceGroupSpec ig, ErrorList errors) {
        if (ig.maxPrice != null && ig.mixedInstancesPolicy != null) {
            errors.add("spec.maxPrice", CelMessages.MAX_PRICE_WITH_MIXED);
        } else if (ig.maxPrice != null && !errors.has("spec.maxPrice") && Double.parseDouble(ig.maxPrice) <= 0) {
            errors.add("spec.maxPrice", "a spot price must be greater than 0; remove maxPrice for on-demand instances");
        }
        MixedInstancesPolicySpec mip = ig.mixedInstancesPolicy;
        if (mip == null) {
            return;
        }
        String base = "spec.mixedInstancesPolicy";
        if (Nulls.list(mip.instances).isEmpty() && !errors.has(base + ".instances")) {
            errors.add(base + ".instances", "required: list at least one instance type (e.g. the machineType"
                    + (ig.machineType == null ? "" : ", " + ig.machineType) + ")");
        }
        Duplicates.check(Nulls.list(mip.instances), base + ".instances", errors);
        if (mip.onDemandBase != null && ig.maxSize != null && mip.onDemandBase > ig.maxSize && !errors.has(base + ".onDemandBase")) {
            errors.add(base + ".onDemandBase", "onDemandBase " + mip.onDemandBase + " exceeds maxSize " + ig.maxSize);
        }
    }

    /** One launch template, one image: the machine type, the image and every mixed instance type share a CPU architecture. */
    private static void checkArchitecture(InstanceGroupSpec ig, ErrorList errors) {
        CpuArchitecture machine = errors.has("spec.machineType") ? null : CpuArchitecture.ofInstanceType(ig.machineType);
        CpuArchitecture image = errors.has("spec.image") ? null : CpuArchitecture.ofImage(ig.image);
        if (machine != null && image != null && machine != image) {
            errors.add("spec.image", "the image is for " + image.yamlName() + " but " + ig.machineType + " is an " + machine.yamlName()
                    + " instance type; use an " + machine.yamlName() + " image or an " + image.yamlName() + " machine type");
        }
        if (machine == null || ig.mixedInstancesPolicy == null) {
            return;
        }
        List<String> instances = Nulls.list(ig.mixedInstancesPolicy.instances);
        for (int i = 0; i < instances.size(); i++) {
            String path = "spec.mixedInstancesPolicy.instances[" + i + "]";
            CpuArchitecture other = errors.has(path) ? null : CpuArchitecture.ofInstanceType(instances.get(i));
            if (other != null && other != machine) {
                errors.add(path, instances.get(i) + " is " + other.yamlName() + " but machineType " + ig.machineType + " is "
                        + machine.yamlName() + "; all instance types of a group boot the same image, so they must share its architecture");
            }
        }
    }

    private static void checkNodeLabels(Map<String, String> labels, ErrorList errors) {
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String key = e.getKey();
            String path = "spec.nodeLabels[" + key + "]";
            if (key.startsWith("node-role.kubernetes.io/") || key.startsWith("kubernetes.io/") || key.startsWith("k8s.io/")) {
                errors.add(path, CelMessages.RESERVED_NODE_LABELS);
                continue;
            }
            String problem = labelKeyProblem(key);
            if (problem == null && e.getValue() != null) {
                String v = e.getValue();
                if (v.length() > 63 || (!v.isEmpty() && !LABEL_NAME.matcher(v).matches())) {
                    problem = "label value \"" + v + "\" must be at most 63 characters of letters, digits, '-', '_' and '.',"
                            + " starting and ending with a letter or digit";
                }
            }
            if (problem != null) {
                errors.add(path, problem);
            }
        }
    }

    /** Kubernetes label key syntax: [prefix/]name, prefix a DNS subdomain of at most 253, name at most 63. */
    static String labelKeyProblem(String key) {
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (prefix != null && (prefix.isEmpty() || prefix.length() > 253 || !LABEL_PREFIX.matcher(prefix).matches())) {
            return "label key prefix \"" + prefix + "\" must be a lowercase DNS subdomain like example.com";
        }
        if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
            return "label key name \"" + name + "\" must be 1-63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
        }
        return null;
    }

    private static void checkTaints(InstanceGroupSpec ig, ErrorList errors) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < Nulls.list(ig.taints).size(); i++) {
            String taint = Nulls.list(ig.taints).get(i);
            String path = "spec.taints[" + i + "]";
            if (taint == null || errors.has(path)) {
                continue;
            }
            String key = taint.split("[=:]", 2)[0];
            String effect = taint.substring(taint.lastIndexOf(':') + 1);
            String problem = labelKeyProblem(key);
            if (problem != null) {
                errors.add(path, problem.replace("label key", "taint key"));
                continue;
            }
            Integer first = seen.putIfAbsent(key + ":" + effect, i);
            if (first != null) {
                errors.add(path, "taint " + key + " with effect " + effect + " is already set by spec.taints[" + first + "]");
            }
        }
    }

    private static void checkSubnets(InstanceGroupSpec ig, ClusterSpec cluster, ErrorList errors) {
        Map<String, ClusterSubnet> byName = new LinkedHashMap<>();
        for (ClusterSubnet s : Nulls.list(cluster.subnets)) {
            if (s != null && s.name != null) {
                byName.putIfAbsent(s.name, s);
            }
        }
        if (Nulls.list(ig.subnets).isEmpty()) {
            checkDefaultSubnets(ig, cluster, errors);
            return;
        }
        for (int i = 0; i < Nulls.list(ig.subnets).size(); i++) {
            String name = Nulls.list(ig.subnets).get(i);
            String path = "spec.subnets[" + i + "]";
            if (name == null || errors.has(path)) {
                continue;
            }
            ClusterSubnet s = byName.get(name);
            if (s == null) {
                String closest = Strings.closest(name, byName.keySet());
                errors.add(path, "subnet \"" + name + "\" is not a subnet of the Cluster" + (closest != null ? "; did you mean \"" + closest + "\"?" : "")
                        + " The Cluster's subnets are: " + String.join(", ", byName.keySet()));
                continue;
            }
            if (ig.roleValue() == InstanceGroupRole.Bastion && s.subnetType() == SubnetType.Private) {
                errors.add(path, "bastion instances need a public address: use a Utility or Public subnet (\"" + name + "\" is Private)");
            } else if (ig.roleValue() != null && ig.roleValue() != InstanceGroupRole.Bastion && s.subnetType() == SubnetType.Utility) {
                errors.add(path, "Utility subnets hold load balancers, NAT gateways and bastions; place " + ig.role
                        + " instances in Private or Public subnets (\"" + name + "\" is Utility)");
            }
        }
    }

    private static void checkDefaultSubnets(InstanceGroupSpec ig, ClusterSpec cluster, ErrorList errors) {
        if (ig.roleValue() == null || Nulls.list(cluster.subnets).isEmpty()) {
            return;
        }
        List<SubnetType> wanted;
        String why;
        switch (ig.roleValue()) {
            case Bastion -> {
                wanted = List.of(SubnetType.Utility, SubnetType.Public);
                why = "a bastion needs Utility or Public subnets";
            }
            case ControlPlane -> {
                boolean priv = TopologyRules.controlPlane(cluster) == Exposure.PRIVATE;
                wanted = List.of(priv ? SubnetType.Private : SubnetType.Public);
                why = "with " + (priv ? "private" : "public") + " control plane topology the control plane goes into " + wanted.get(0) + " subnets";
            }
            default -> {
                boolean priv = TopologyRules.nodes(cluster) == Exposure.PRIVATE;
                wanted = List.of(priv ? SubnetType.Private : SubnetType.Public);
                why = "with " + (priv ? "private" : "public") + " node topology nodes go into " + wanted.get(0) + " subnets";
            }
        }
        boolean any = Nulls.list(cluster.subnets).stream().anyMatch(s -> s != null && s.subnetType() != null && wanted.contains(s.subnetType()));
        if (!any) {
            errors.add("spec.subnets", "no subnets are listed and the Cluster has none to default to: " + why
                    + "; list subnets of the Cluster here or add such a subnet to the Cluster");
        }
    }

    private static void checkMergedTags(InstanceGroupSpec ig, ClusterSpec cluster, ErrorList errors) {
        if (errors.has("spec.cloudLabels")) {
            return;
        }
        Map<String, String> merged = new LinkedHashMap<>(Nulls.map(cluster.cloudLabels));
        merged.putAll(Nulls.map(ig.cloudLabels));
        if (merged.size() > AwsTags.MAX_USER_TAGS) {
            errors.add("spec.cloudLabels", "with the Cluster's cloudLabels the instances would carry " + merged.size() + " user tags; at most "
                    + AwsTags.MAX_USER_TAGS + " fit (AWS allows 50 and Slipway sets up to 10)");
        }
    }

}
