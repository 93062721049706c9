package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.api.IamSpec;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.iam.IamInstanceProfileKind;
import io.slipway.aws.iam.IamInstanceProfileRoleSpec;
import io.slipway.aws.iam.IamInstanceProfileSpec;
import io.slipway.aws.iam.IamRoleKind;
import io.slipway.aws.iam.IamRolePolicySpec;
import io.slipway.aws.iam.IamRoleSpec;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Ref;

import java.util.Map;

/**
 * A role and an instance profile for each instance-group role in use, under the cluster's IAM path: Slipway's
 * least-privilege inline policy ({@link IamPolicies}), the role's iam.additionalPolicies entry as a second inline
 * policy, and iam.permissionsBoundary on every role. Each inline policy and the role's place in its profile are
 * resources of their own (as kops' tasks and Terraform model them): every created thing costs one call. Pure.
 */
public final class IamModel {
    private IamModel() {
    }

    public static void addTo(DesiredGraph.Builder graph, Cluster cluster, ClusterInputs inputs) {
        AwsNames names = AwsNames.of(cluster);
        ClusterTags tags = new ClusterTags(names, cluster.getSpec().cloudLabels);
        IamSpec iam = cluster.getSpec().iam;
        String boundary = iam == null || iam.permissionsBoundary == null || iam.permissionsBoundary.isBlank()
                ? null : iam.permissionsBoundary;
        Map<String, String> additional = iam == null || iam.additionalPolicies == null ? Map.of() : iam.additionalPolicies;
        IamPolicies.Scope scope = new IamPolicies.Scope(names.cluster(), inputs.partition(), cluster.getSpec().region,
                inputs.accountId(), inputs.store());
        String trust = IamPolicies.trust(inputs.partition()).toJson();

        for (InstanceGroupRole role : InstanceGroupRole.values()) {
            if (!inputs.rolesInUse().contains(role)) {
                continue;
            }
            String roleId = IamIds.role(role);
            graph.managed(roleId, new IamRoleSpec(names.iamRole(role), names.iamPath(), trust, boundary,
                    tags.forResource(roleId)));
            Ref roleName = Ref.output(roleId, IamRoleKind.ROLE_NAME);
            graph.managed(IamIds.rolePolicy(role), new IamRolePolicySpec(roleName, IamPolicies.POLICY_NAME,
                    IamPolicies.forRole(role, scope).toJson()));
            String extra = additional.get(IamPolicies.additionalPolicyKey(role));
            if (extra != null && !extra.isBlank()) {
                graph.managed(IamIds.additionalRolePolicy(role), new IamRolePolicySpec(roleName,
                        IamPolicies.ADDITIONAL_POLICY_NAME, PolicyDocument.wrapStatements(extra)));
            }
            String profileId = IamIds.instanceProfile(role);
            graph.managed(profileId, new IamInstanceProfileSpec(names.instanceProfile(role), names.iamPath(),
                    tags.forResource(profileId)));
            graph.managed(IamIds.instanceProfileRole(role), new IamInstanceProfileRoleSpec(
                    Ref.output(profileId, IamInstanceProfileKind.PROFILE_NAME), roleName));
        }
    }
}
