package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import io.slipway.api.CniOptions;
import io.slipway.api.NameRules;
import io.slipway.api.NetworkingSpec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a Cluster spec before any AWS call: everything the CRD schema and its CEL rules check (except the
 * immutability rules, see {@link ImmutableFields}), plus what CEL cannot: CIDR arithmetic, zones in the region,
 * known regions, supported Kubernetes versions, AWS tag limits, IAM policy syntax, durations. Reports every
 * error, each with its field path.
 */
public final class ClusterSpecValidator {
    private static final Pattern CNI_VERSION = Pattern.compile("^v?[0-9]+\\.[0-9]+(\\.[0-9]+)?([-+][0-9A-Za-z.-]+)?$");

    private ClusterSpecValidator() {
    }

    /** All errors of the spec; empty when valid. A null spec is one error at {@code spec}. */
    public static List<FieldError> validate(ClusterSpec spec) {
        ErrorList errors = new ErrorList();
        if (spec == null) {
            errors.add("spec", "required: a Cluster needs a spec");
            return errors.toList();
        }
        SchemaRules.check(spec, "spec", errors);
        checkVersion(spec, errors);
        checkRegion(spec, errors);
        IdentityRules.check(spec, errors);
        AwsTags.check(Nulls.map(spec.cloudLabels), "spec.cloudLabels", errors);
        ClusterNetworkRules.check(spec, errors);
        TopologyRules.check(spec, errors);
        checkNetworking(spec.networking, errors);
        checkSshKeyName(spec.sshKeyName, errors);
        IamPolicies.check(spec.iam, errors);
        RollingUpdateRules.check(spec.rollingUpdate, null, "spec.rollingUpdate", null, errors);
        RemediationRules.check(spec.remediation, "spec.remediation", errors);
        return errors.toList();
    }

    private static void checkVersion(ClusterSpec spec, ErrorList errors) {
        if (spec.kubernetesVersion == null || errors.has("spec.kubernetesVersion")) {
            return;
        }
        if (!KubernetesVersionRange.isSupported(spec.kubernetesVersion)) {
            errors.add("spec.kubernetesVersion", "Kubernetes " + spec.kubernetesVersion + " is not supported: Slipway supports versions "
                    + KubernetesVersionRange.describe());
        }
    }

    private static void checkRegion(ClusterSpec spec, ErrorList errors) {
        if (spec.region == null) {
            return;
        }
        if (errors.has("spec.region")) {
            return;
        }
        if (!AwsRegions.isKnown(spec.region)) {
            errors.add("spec.region", AwsRegions.unknownRegionMessage(spec.region));
        }
    }

    /** Checks a Cluster's metadata.name against {@link NameRules}, as the CRD's CEL rule on the root does. */
    public static List<FieldError> validateName(String name) {
        return NameCheck.check(name, CelMessages.CLUSTER_NAME);
    }

    private static void checkSshKeyName(String name, ErrorList errors) {
        if (name != null && (name.isEmpty() || name.length() > 255 || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            errors.add("spec.sshKeyName", "an EC2 key pair name has 1 to 255 printable ASCII characters");
        }
    }

    private static void checkNetworking(NetworkingSpec networking, ErrorList errors) {
        if (networking == null) {
            return;
        }
        int set = (networking.cilium != null ? 1 : 0) + (networking.calico != null ? 1 : 0)
                + (networking.amazonvpc != null ? 1 : 0) + (networking.cni != null ? 1 : 0);
        if (set > 1) {
            errors.add("spec.networking", CelMessages.ONE_CNI);
        }
        checkCniVersion(networking.cilium, "spec.networking.cilium.version", errors);
        checkCniVersion(networking.calico, "spec.networking.calico.version", errors);
        checkCniVersion(networking.amazonvpc, "spec.networking.amazonvpc.version", errors);
        checkCniVersion(networking.cni, "spec.networking.cni.version", errors);
    }

    private static void checkCniVersion(CniOptions options, String path, ErrorList errors) {
        if (options != null && options.version != null && !CNI_VERSION.matcher(options.version).matches()) {
            errors.add(path, "must be a release version like 1.16.3 (got \"" + options.version + "\"), or left unset for the tested release");
        }
    }
}
