package io.slipway.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.api.Cluster;
import io.slipway.api.IamSpec;
import io.slipway.api.IamStatus;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.iam.IamInstanceProfileKind;
import io.slipway.aws.iam.IamInstanceProfileKind;
import io.slipway.aws.iam.IamInstanceProfileRoleSpec;
import io.slipway.aws.iam.IamInstanceProfileSpec;
import io.slipway.aws.iam.IamRolePolicySpec;
import io.slipway.aws.iam.IamRoleKind;
import io.slipway.aws.iam.IamRoleSpec;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IamModelTest {
    static final String ACCOUNT = "123456789012";

    static ClusterInputs inputs(Cluster cluster, Set<InstanceGroupRole> roles) {
        AwsNames names = AwsNames.of(cluster);
        return new ClusterInputs(ACCOUNT, AwsPartition.of(cluster.getSpec().region),
                BootstrapStoreLayout.ownBucket(names, ACCOUNT), roles, Map.of());
    }

    static DesiredGraph graph(Cluster cluster, Set<InstanceGroupRole> roles) {
        DesiredGraph.Builder graph = DesiredGraph.builder(Owners.cluster(cluster));
        IamModel.addTo(graph, cluster, inputs(cluster, roles));
        return graph.build();
    }

    @Test
    void aRoleAndAProfilePerRoleInUseUnderTheClustersPath() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        DesiredGraph graph = graph(cluster, Set.of(InstanceGroupRole.ControlPlane, InstanceGroupRole.Node));
        AwsNames names = AwsNames.of(cluster);

        // per role: the role, its policy, the profile and the role in it
        assertThat(graph.size()).isEqualTo(8);
        IamRoleSpec node = (IamRoleSpec) graph.get("iam/role/node").orElseThrow().spec();
        assertThat(node.roleName()).isEqualTo(names.iamRole(InstanceGroupRole.Node));
        assertThat(node.path()).isEqualTo("/slipway/prod/demo/cluster/");
        assertThat(node.permissionsBoundary()).isNull();
        IamRolePolicySpec policy = (IamRolePolicySpec) graph.get("iam/rolepolicy/node").orElseThrow().spec();
        assertThat(policy.role()).isEqualTo(Ref.output("iam/role/node", IamRoleKind.ROLE_NAME));
        assertThat(policy.policyName()).isEqualTo(IamPolicies.POLICY_NAME);
        assertThat(graph.contains("iam/rolepolicy/node/additional")).isFalse();
        assertThat(node.tags()).containsEntry("kubernetes.io/cluster/demo", "owned").containsEntry("team", "platform")
                .containsEntry("Name", "prod/demo/iam/role/node");
        IamInstanceProfileSpec profile = (IamInstanceProfileSpec) graph.get("iam/instanceprofile/node").orElseThrow().spec();
        assertThat(profile.profileName()).isEqualTo(names.instanceProfile(InstanceGroupRole.Node));
        assertThat(profile.path()).isEqualTo("/slipway/prod/demo/cluster/");
        assertThat(graph.get("iam/profilerole/node").orElseThrow().spec()).isEqualTo(new IamInstanceProfileRoleSpec(
                Ref.output("iam/instanceprofile/node", IamInstanceProfileKind.PROFILE_NAME),
                Ref.output("iam/role/node", IamRoleKind.ROLE_NAME)));
        assertThat(graph.contains("iam/role/bastion")).isFalse();
    }

    @Test
    void theBoundaryAppliesToEveryRoleAndAnAdditionalPolicyToItsRoleOnly() throws Exception {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().iam = new IamSpec();
        cluster.getSpec().iam.permissionsBoundary = "arn:aws:iam::" + ACCOUNT + ":policy/boundary";
        cluster.getSpec().iam.additionalPolicies.put("node",
                "[{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:" + ACCOUNT + ":q\"}]");
        DesiredGraph graph = graph(cluster, Set.of(InstanceGroupRole.values()));

        for (InstanceGroupRole role : InstanceGroupRole.values()) {
            IamRoleSpec spec = (IamRoleSpec) graph.get(IamIds.role(role)).orElseThrow().spec();
            assertThat(spec.permissionsBoundary()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/boundary");
            assertThat(graph.contains(IamIds.additionalRolePolicy(role))).isEqualTo(role == InstanceGroupRole.Node);
        }
        IamRolePolicySpec additional = (IamRolePolicySpec) graph.get("iam/rolepolicy/node/additional").orElseThrow().spec();
        assertThat(additional.policyName()).isEqualTo(IamPolicies.ADDITIONAL_POLICY_NAME);
        assertThat(new ObjectMapper().readTree(additional.document())
                .at("/Statement/0/Action").asText()).isEqualTo("sqs:SendMessage");
    }

    @Test
    void theGraphIsTheSameForTheSameInputs() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        assertThat(graph(cluster, Set.of(InstanceGroupRole.values())).fingerprint())
                .isEqualTo(graph(cluster, Set.of(InstanceGroupRole.values())).fingerprint());
    }

    @Test
    void statusNamesRolesAndProfilesThatExist() {
        IamStatus status = IamStatusMapper.iam(List.of(
                new ResourceState(IamRoleKind.NAME, "iam/role/node", "nodes-r", true, true,
                        Map.of(IamRoleKind.ROLE_NAME, "nodes-r", IamRoleKind.ARN, "arn:aws:iam::1:role/p/nodes-r")),
                new ResourceState(IamInstanceProfileKind.NAME, "iam/instanceprofile/node", "nodes-r", true, true,
                        Map.of(IamInstanceProfileKind.PROFILE_NAME, "nodes-r", IamInstanceProfileKind.ARN,
                                "arn:aws:iam::1:instance-profile/p/nodes-r")),
                new ResourceState(IamRoleKind.NAME, "iam/role/control-plane", "cp-r", true, true,
                        Map.of(IamRoleKind.ROLE_NAME, "cp-r", IamRoleKind.ARN, "arn:aws:iam::1:role/p/cp-r"))));

        assertThat(status.roles).extracting(r -> r.role).containsExactly("ControlPlane", "Node");
        assertThat(status.roles.get(0).roleARN).isEqualTo("arn:aws:iam::1:role/p/cp-r");
        assertThat(status.roles.get(0).instanceProfileName).isNull();
        assertThat(status.roles.get(1).instanceProfileARN).isEqualTo("arn:aws:iam::1:instance-profile/p/nodes-r");
        assertThat(status.roles.get(1).roleName).isEqualTo("nodes-r");
    }
}
