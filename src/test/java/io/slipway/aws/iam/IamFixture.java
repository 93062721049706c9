package io.slipway.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.api.Cluster;
import io.slipway.api.IamSpec;
import io.slipway.api.InstanceGroupRole;
import io.slipway.cloud.DesiredGraph;
import io.slipway.model.AwsNames;
import io.slipway.model.AwsPartition;
import io.slipway.model.BootstrapStoreLayout;
import io.slipway.model.ClusterInputs;
import io.slipway.model.IamModel;
import io.slipway.model.Owners;
import io.slipway.model.TestClusters;
import io.slipway.testing.MotoServer;

import java.util.Map;
import java.util.Set;

/** The cluster prod/demo of the IAM tests: a permissions boundary and an additional policy for nodes. */
final class IamFixture {
    static final String OWNER = "prod/demo";
    static final String BOUNDARY = "arn:aws:iam::" + MotoServer.ACCOUNT + ":policy/slipway-boundary";
    static final String NODE_EXTRA = "[{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\","
            + "\"Resource\":\"arn:aws:sqs:us-east-1:" + MotoServer.ACCOUNT + ":jobs\"}]";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
    final AwsNames names = AwsNames.of(cluster);

    IamFixture() {
        cluster.getSpec().iam = new IamSpec();
        cluster.getSpec().iam.permissionsBoundary = BOUNDARY;
        cluster.getSpec().iam.additionalPolicies.put("node", NODE_EXTRA);
    }

    DesiredGraph graph() {
        return graph(Set.of(InstanceGroupRole.values()));
    }

    DesiredGraph graph(Set<InstanceGroupRole> roles) {
        DesiredGraph.Builder graph = DesiredGraph.builder(Owners.cluster(cluster));
        IamModel.addTo(graph, cluster, new ClusterInputs(MotoServer.ACCOUNT, AwsPartition.of(cluster.getSpec().region),
                BootstrapStoreLayout.ownBucket(names, MotoServer.ACCOUNT), roles, Map.of()));
        return graph.build();
    }

    String path() {
        return names.iamPath();
    }

    String role(InstanceGroupRole role) {
        return names.iamRole(role);
    }

    IamRoleSpec roleSpec(InstanceGroupRole role) {
        return (IamRoleSpec) graph().get("iam/role/" + BootstrapStoreLayout.folderName(role)).orElseThrow().spec();
    }

    /** The document of one of the role's inline policies in the graph (Slipway's or the additional one). */
    String policy(InstanceGroupRole role, String policyName) {
        String id = policyName.equals(io.slipway.model.IamPolicies.POLICY_NAME) ? io.slipway.model.IamIds.rolePolicy(role)
                : io.slipway.model.IamIds.additionalRolePolicy(role);
        return ((IamRolePolicySpec) graph().get(id).orElseThrow().spec()).document();
    }

    /** How many inline policies the graph gives the role. */
    long policyCount(InstanceGroupRole role) {
        return graph().ofKind(IamRolePolicyKind.NAME).stream()
                .filter(d -> ((IamRolePolicySpec) d.spec()).role().logicalId().equals(io.slipway.model.IamIds.role(role))).count();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
