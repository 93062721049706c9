package io.slipway.aws;

import io.slipway.api.Cluster;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Owner;
import io.slipway.api.InstanceGroupRole;
import io.slipway.cloud.SecretBytes;
import io.slipway.model.AwsNames;
import io.slipway.model.BootstrapStoreLayout;
import io.slipway.model.ClusterInputs;
import io.slipway.model.ClusterModel;
import io.slipway.model.TestClusters;
import io.slipway.testing.AwsInventory;
import io.slipway.testing.Boto3Inventory;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clusters, each with a role to assume in an account of its own: each cluster's resources are made in its own
 * account and nowhere else (moto puts an assumed role's resources in the role's account).
 */
@ExtendWith(MotoExtension.class)
class PerClusterIdentityTest {
    private static final String ACCOUNT_A = "111111111111";
    private static final String ACCOUNT_B = "222222222222";

    @Test
    void eachClustersResourcesAreInItsOwnAccountOnly(AwsClientFactory factory, URI moto) {
        AwsSession sessionA = factory.session(AwsCredentialSource.assumeRole(
                "arn:aws:iam::" + ACCOUNT_A + ":role/slipway", null, "slipway.prod.alpha"));
        AwsSession sessionB = factory.session(AwsCredentialSource.assumeRole(
                "arn:aws:iam::" + ACCOUNT_B + ":role/slipway", null, "slipway.prod.beta"));
        assertThat(sessionA.sts().getCallerIdentity().account()).isEqualTo(ACCOUNT_A);
        assertThat(sessionB.sts().getCallerIdentity().account()).isEqualTo(ACCOUNT_B);
        Cluster alpha = TestClusters.threeZonePrivate("prod", "alpha");
        Cluster beta = TestClusters.threeZonePrivate("prod", "beta");

        build(sessionA, alpha);
        build(sessionB, beta);

        Map<String, List<String>> alphaInA = inventory(moto, sessionA.credentials(), "prod/alpha");
        assertThat(alphaInA).containsKeys("Vpc", "Subnet", "NatGateway", "SecurityGroup", "SecurityGroupRule",
                "IamRole", "IamInstanceProfile", "S3Bucket", "S3Object", "LoadBalancer", "TargetGroup", "Listener");
        assertThat(alphaInA.get("Subnet")).hasSize(6);
        assertThat(inventory(moto, sessionA.credentials(), "prod/beta")).isEmpty();
        assertThat(inventory(moto, sessionB.credentials(), "prod/beta")).containsKeys("Vpc", "Subnet", "SecurityGroup");
        assertThat(inventory(moto, sessionB.credentials(), "prod/alpha")).isEmpty();
        AwsCredentialsProvider operator = factory.session(AwsCredentialSource.operatorDefault()).credentials();
        assertThat(inventory(moto, operator, "prod/alpha")).isEmpty();
        assertThat(inventory(moto, operator, "prod/beta")).isEmpty();

        // and seen by boto3 with the same assumed keys
        AwsSessionCredentials keysA = (AwsSessionCredentials) sessionA.credentials().resolveCredentials();
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(moto, "prod/alpha", keysA)))
                .isEqualTo(alphaTopLevel(alphaInA)).isPositive();
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(moto, "prod/beta", keysA))).isZero();
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(moto, "prod/alpha"))).isZero();

        // each cluster's teardown, in its own account, leaves nothing there
        assertThat(engine(sessionA).deleteAllOwned(new Owner("prod/alpha").everyScope(), ClusterModel.build(alpha,
                new ClusterInputs(ACCOUNT_A, "aws", BootstrapStoreLayout.ownBucket(AwsNames.of(alpha), ACCOUNT_A),
                        Set.of(InstanceGroupRole.ControlPlane, InstanceGroupRole.Node), Map.of())),
                io.slipway.cloud.TeardownOptions.DEFAULT, io.slipway.cloud.ApplyListener.NONE).isComplete()).isTrue();
        assertThat(inventory(moto, sessionA.credentials(), "prod/alpha")).isEmpty();
        assertThat(inventory(moto, sessionB.credentials(), "prod/beta")).containsKeys("Vpc");
    }

    /**
     * What the boto3 inventory lists: the top-level objects of every service (rules, routes and attachments are inside),
     * and the IAM, S3 and ELB resources that live on another (role policies, a role in its profile, bucket settings,
     * cross-zone).
     */
    private static int alphaTopLevel(Map<String, List<String>> inventory) {
        return List.of("Vpc", "VpcDnsSupport", "VpcDnsHostnames", "Subnet", "InternetGateway", "ElasticIp", "NatGateway",
                        "RouteTable", "SecurityGroup",
                        "IamRole", "IamRolePolicy", "IamInstanceProfile", "IamInstanceProfileRole", "S3Bucket",
                        "S3BucketEncryption", "S3PublicAccessBlock", "S3BucketVersioning", "S3BucketOwnership", "S3Object",
                        "LoadBalancer", "LoadBalancerCrossZone", "TargetGroup", "Listener")
                .stream().mapToInt(kind -> inventory.getOrDefault(kind, List.of()).size()).sum();
    }

    private static Engine engine(AwsSession session) {
        return new Engine(AwsKinds.of(session), AwsKinds.classifier(), 2, AwsKinds.blockers(session));
    }

    private static void build(AwsSession session, Cluster cluster) {
        Engine engine = engine(session);
        String account = session.accountId();
        ClusterInputs inputs = new ClusterInputs(account, "aws", BootstrapStoreLayout.ownBucket(AwsNames.of(cluster), account),
                Set.of(InstanceGroupRole.ControlPlane, InstanceGroupRole.Node),
                Map.of(InstanceGroupRole.Node, SecretBytes.of("node material of " + cluster.getMetadata().getName())));
        var graph = ClusterModel.build(cluster, inputs);
        var result = engine.apply(engine.plan(graph));
        for (int round = 0; round < 3 && !result.isComplete(); round++) { // resources that are waited for
            result = engine.apply(engine.plan(graph));
        }
        assertThat(result.isComplete()).as(result.toString()).isTrue();
    }

    private static Map<String, List<String>> inventory(URI moto, AwsCredentialsProvider credentials, String cluster) {
        try (AwsInventory inventory = new AwsInventory(moto, credentials)) {
            return inventory.all(AwsInventory.Scope.of(cluster));
        }
    }
}
