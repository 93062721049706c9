package io.slipway.aws.ec2;

import io.slipway.api.BastionSpec;
import io.slipway.api.Cluster;
import io.slipway.api.NetworkingSpec;
import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Owner;
import io.slipway.model.NetworkModel;
import io.slipway.model.TestClusters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which ingress rules Slipway keeps as desired, and which it leaves to the cloud-controller-manager. */
class ManagedIngressTest {
    private static final Owner OWNER = new Owner("prod/demo");
    private static final Set<String> CLUSTER_GROUPS = Set.of("sg-nodes", "sg-cp");

    private static boolean slipways(IpRule rule) {
        return ManagedIngress.isSlipways(rule, Map.of(), OWNER, CLUSTER_GROUPS);
    }

    @Test
    void rulesFromAddressesOnSshTheApiPortOrEtcdAreSlipways() {
        assertThat(slipways(new IpRule("tcp", 22, 22, "0.0.0.0/0", null))).isTrue();
        assertThat(slipways(new IpRule("tcp", 443, 443, "10.0.0.0/8", null))).isTrue();
        assertThat(slipways(new IpRule("tcp", 2380, 2380, "10.0.0.0/8", null))).isTrue();
        assertThat(slipways(new IpRule("tcp", 0, 65535, "0.0.0.0/0", null))).as("a range that includes SSH").isTrue();
        assertThat(slipways(new IpRule("-1", null, null, "0.0.0.0/0", null))).as("all traffic includes SSH").isTrue();
    }

    @Test
    void whatTheCloudControllerManagerAddsForServicesIsNot() {
        assertThat(slipways(new IpRule("tcp", 30000, 32767, "0.0.0.0/0", null))).isFalse();
        assertThat(slipways(new IpRule("tcp", 31234, 31234, "10.0.0.0/16", null))).isFalse();
        assertThat(slipways(new IpRule("icmp", 3, 4, "0.0.0.0/0", null))).as("MTU discovery").isFalse();
        assertThat(slipways(new IpRule("udp", 443, 443, "0.0.0.0/0", null))).isFalse();
        assertThat(slipways(new IpRule("-1", null, null, null, "sg-k8s-elb"))).as("from a load balancer's group").isFalse();
    }

    @Test
    void rulesAmongTheClustersGroupsOrCarryingSlipwaysTagAreSlipways() {
        assertThat(slipways(new IpRule("-1", null, null, null, "sg-cp"))).isTrue();
        assertThat(slipways(new IpRule("tcp", 22, 22, null, "sg-other"))).isFalse();
        IpRule nodePort = new IpRule("tcp", 30080, 30080, "0.0.0.0/0", null);
        Map<String, String> ours = OwnershipTags.withOwnership(Map.of(), OWNER, "sgrule/nodes/tcp:30080/0.0.0.0/0");
        Map<String, String> anotherClusters = OwnershipTags.withOwnership(Map.of(), new Owner("prod/other"), "x");
        assertThat(ManagedIngress.isSlipways(nodePort, ours, OWNER, CLUSTER_GROUPS)).isTrue();
        assertThat(ManagedIngress.isSlipways(nodePort, anotherClusters, OWNER, CLUSTER_GROUPS)).isFalse();
    }

    @Test
    void aRuleAnotherScopeOfTheClusterMadeIsLeftToItEvenOnAManagedPort() {
        IpRule ssh = new IpRule("tcp", 22, 22, "192.0.2.0/24", null);
        Map<String, String> instanceGroups = OwnershipTags.withOwnership(Map.of(), new Owner("prod/demo", "ig/bastions"),
                "sgrule/nodes/tcp:22/192.0.2.0/24");
        assertThat(ManagedIngress.isSlipways(ssh, instanceGroups, OWNER, CLUSTER_GROUPS)).isFalse();
        assertThat(ManagedIngress.isSlipways(ssh, instanceGroups, OWNER.everyScope(), CLUSTER_GROUPS))
                .as("the cluster's teardown sweeps every scope").isTrue();
        assertThat(ManagedIngress.isSlipways(ssh, Map.of(), OWNER, CLUSTER_GROUPS)).as("untagged: by port").isTrue();
    }

    /** Else a desired rule would never be found, and each reconcile would create it again. */
    @Test
    void everyRuleTheModelDesiresIsOneSlipwayFinds() {
        Cluster plain = TestClusters.threeZonePrivate("prod", "demo");
        Cluster withSsh = TestClusters.threeZonePrivate("prod", "demo");
        withSsh.getSpec().sshAccess = List.of("192.0.2.0/24");
        withSsh.getSpec().kubernetesApiAccess = List.of("198.51.100.0/24");
        Cluster withBastion = TestClusters.threeZonePrivate("prod", "demo");
        withBastion.getSpec().sshAccess = List.of("192.0.2.0/24");
        withBastion.getSpec().topology.bastion = new BastionSpec();
        Cluster calico = TestClusters.threeZonePrivate("prod", "demo");
        calico.getSpec().networking = new NetworkingSpec();
        calico.getSpec().networking.calico = new io.slipway.api.CniOptions();
        for (Cluster cluster : List.of(plain, withSsh, withBastion, calico)) {
            List<DesiredResource<SecurityGroupRuleSpec>> rules = NetworkModel.build(cluster).ofKind(SecurityGroupRuleKind.NAME);
            assertThat(rules).isNotEmpty().allSatisfy(rule -> {
                SecurityGroupRuleSpec spec = rule.spec();
                if (spec.cidr() != null) {
                    assertThat(ManagedIngress.opensManagedPort(spec.rule(null))).as(rule.logicalId()).isTrue();
                } else {
                    assertThat(spec.sourceGroup().logicalId()).as(rule.logicalId()).startsWith("securitygroup/");
                }
            });
        }
    }
}
