package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.ccm.CcmKinds;
import io.slipway.aws.ccm.LeftoverSpec;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Lifecycle;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterTeardownLookupTest {
    @Test
    void sweepsUnderTheClusterTagKeySlipwayTagsWithOnlyWhenAsked() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        ClusterInputs inputs = IamModelTest.inputs(cluster, Set.of(InstanceGroupRole.ControlPlane, InstanceGroupRole.Node));
        DesiredGraph described = ClusterModel.build(cluster, inputs);

        DesiredGraph swept = TeardownLookup.of(cluster, inputs, true);
        DesiredGraph notSwept = TeardownLookup.of(cluster, inputs, false);

        assertThat(notSwept.fingerprint()).isEqualTo(described.fingerprint());
        assertThat(swept.size()).isEqualTo(described.size() + CcmKinds.NAMES.size());
        List<DesiredResource<?>> sweeps = swept.inDependencyOrder().stream().filter(r -> r.spec() instanceof LeftoverSpec).toList();
        assertThat(sweeps).extracting(DesiredResource::kind).containsExactlyInAnyOrderElementsOf(CcmKinds.NAMES);
        assertThat(sweeps).allSatisfy(r -> {
            assertThat(((LeftoverSpec) r.spec()).clusterTagKey()).isEqualTo(AwsNames.of(cluster).clusterTagKey())
                    .isEqualTo("kubernetes.io/cluster/demo");
            assertThat(r.lifecycle()).as("never created, never deleted").isEqualTo(Lifecycle.SHARED);
        });
        assertThat(notSwept.inDependencyOrder()).noneMatch(r -> r.spec() instanceof LeftoverSpec);
    }

    @Test
    void onlyAKubernetesClusterTagKeyIsSwept() {
        assertThatThrownBy(() -> new LeftoverSpec("CsiVolume", "kubernetes.io/cluster/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeftoverSpec("CsiVolume", "slipway.io/cluster")).isInstanceOf(IllegalArgumentException.class);
    }
}
