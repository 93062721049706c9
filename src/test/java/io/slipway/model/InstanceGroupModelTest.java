package io.slipway.model;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.aws.autoscaling.AutoScalingGroupSpec;
import io.slipway.bootstrap.KubeadmConfig;
import io.slipway.aws.ec2.LaunchTemplateSpec;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Lifecycle;
import io.slipway.cloud.Ref;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceGroupModelTest {
    private static final InstanceGroupInputs INPUTS = new InstanceGroupInputs("ami-0123456789abcdef0", "/dev/sda1", 20, "#!/bin/sh\n");
    private final Cluster cluster = TestClusters.threeZonePrivate("team-a", "prod");

    @Test
    void aGroupOwnsItsTemplateAndAutoScalingGroupAndOnlyReferencesTheClusters() {
        DesiredGraph graph = InstanceGroupModel.build(cluster, group("nodes", InstanceGroupRole.Node, g -> { }), INPUTS);

        assertThat(graph.owner()).isEqualTo(Owners.instanceGroup("team-a", "prod", "nodes"));
        assertThat(graph.inDependencyOrder()).filteredOn(r -> r.lifecycle() == Lifecycle.MANAGED)
                .extracting(DesiredResource::logicalId)
                .containsExactlyInAnyOrder(InstanceGroupIds.LAUNCH_TEMPLATE, InstanceGroupIds.AUTO_SCALING_GROUP);
        assertThat(graph.inDependencyOrder()).filteredOn(r -> r.lifecycle() == Lifecycle.EXTERNAL)
                .extracting(DesiredResource::logicalId)
                .containsExactlyInAnyOrder("subnet/private-us-east-1a", "subnet/private-us-east-1b",
                        "subnet/private-us-east-1c", "securitygroup/nodes", "iam/instanceprofile/node");
        assertThat(graph.inDependencyOrder()).filteredOn(r -> r.lifecycle() == Lifecycle.EXTERNAL)
                .allMatch(r -> graph.externalOwner(r.logicalId()).orElseThrow().equals(Owners.cluster(cluster)));

        LaunchTemplateSpec template = template(graph);
        assertThat(template.name()).isEqualTo(AwsNames.of(cluster).launchTemplate("nodes"));
        assertThat(template.rootVolume()).isEqualTo(new LaunchTemplateSpec.RootVolume(20, "gp3", null, null, true, null));
        assertThat(template.httpTokens()).isEqualTo("required");
        assertThat(template.toString()).doesNotContain("#!/bin/sh");
        AutoScalingGroupSpec group = autoScalingGroup(graph);
        assertThat(group.name()).isEqualTo(AwsNames.of(cluster).autoScalingGroup("nodes")).hasSizeLessThanOrEqualTo(255);
        assertThat(group.targetGroups()).isEmpty();
        assertThat(group.tags()).containsEntry(InstanceGroupModel.CONFIG_HASH_TAG, template.configHash())
                .containsEntry("k8s.io/cluster-autoscaler/enabled", "1").containsKey("k8s.io/cluster-autoscaler/prod")
                .containsEntry("kubernetes.io/cluster/prod", "owned");
    }

    @Test
    void aNodeGroupTellsTheClusterAutoscalerItsNodesTaintsAndLabelsSoItCanScaleFromZero() {
        DesiredGraph graph = InstanceGroupModel.build(cluster, group("spot", InstanceGroupRole.Node, g -> {
            g.minSize = 0;
            g.nodeLabels = Map.of("pool", "spot");
            g.taints = List.of("spot=true:NoSchedule", "dedicated:PreferNoSchedule");
        }), INPUTS);

        assertThat(autoScalingGroup(graph).tags())
                .containsEntry("k8s.io/cluster-autoscaler/node-template/label/pool", "spot")
                .containsEntry("k8s.io/cluster-autoscaler/node-template/label/slipway.io/instance-group", "spot")
                .containsEntry("k8s.io/cluster-autoscaler/node-template/taint/spot", "true:NoSchedule")
                .containsEntry("k8s.io/cluster-autoscaler/node-template/taint/dedicated", ":PreferNoSchedule");
        assertThat(InstanceGroupModel.NODE_GROUP_LABEL).isEqualTo(KubeadmConfig.INSTANCE_GROUP_LABEL);
    }

    @Test
    void theAutoscalersNodeTemplateNeverTakesTheGroupBeyondAwsFiftyTagsTaintsFirst() {
        Map<String, String> labels = new java.util.TreeMap<>();
        for (int i = 0; i < 60; i++) {
            labels.put("label-" + i, "v");
        }
        Map<String, String> cloudLabels = new java.util.TreeMap<>();
        for (int i = 0; i < 30; i++) {
            cloudLabels.put("cost-" + i, "v");
        }
        AutoScalingGroupSpec group = autoScalingGroup(InstanceGroupModel.build(cluster, group("many", InstanceGroupRole.Node, g -> {
            g.nodeLabels = labels;
            g.cloudLabels = cloudLabels;
            g.taints = List.of("gpu=true:NoSchedule");
        }), INPUTS));

        assertThat(group.tags()).hasSize(InstanceGroupModel.ASG_MAX_TAGS)
                .containsEntry("k8s.io/cluster-autoscaler/node-template/taint/gpu", "true:NoSchedule")
                .containsEntry("k8s.io/cluster-autoscaler/node-template/label/slipway.io/instance-group", "many")
                .containsEntry("cost-29", "v").containsKey(InstanceGroupModel.CONFIG_HASH_TAG);
    }

    @Test
    void aControlPlaneGroupJoinsTheApiTargetGroupAndCarriesNoAutoscalerTags() {
        DesiredGraph graph = InstanceGroupModel.build(cluster, group("cp", InstanceGroupRole.ControlPlane,
                g -> g.subnets = List.of("private-us-east-1b")), INPUTS);
        AutoScalingGroupSpec group = autoScalingGroup(graph);
        assertThat(group.targetGroups()).containsExactly(Ref.output(ApiEndpointIds.TARGET_GROUP, "arn"));
        assertThat(group.subnets()).containsExactly(Ref.to("subnet/private-us-east-1b"));
        assertThat(group.tags().keySet()).noneMatch(k -> k.startsWith("k8s.io/cluster-autoscaler"));
        assertThat(graph.get(ApiEndpointIds.TARGET_GROUP).orElseThrow().lifecycle()).isEqualTo(Lifecycle.EXTERNAL);
    }

    @Test
    void sizesDoNotChangeTheHashWhatEndsOnAnInstanceDoes() {
        String hash = hash(g -> { });
        assertThat(hash).hasSize(12).isEqualTo(hash(g -> { }));
        assertThat(hash(g -> { g.minSize = 3; g.maxSize = 7; })).isEqualTo(hash);
        assertThat(hash(g -> g.machineType = "m6i.large")).isNotEqualTo(hash);
        assertThat(hash(g -> g.nodeLabels = Map.of("a", "b"))).isNotEqualTo(hash);
        assertThat(hash(g -> g.taints = List.of("dedicated=x:NoSchedule"))).isNotEqualTo(hash);
        assertThat(hash(g -> g.additionalSecurityGroups = List.of("sg-0123456789abcdef0"))).isNotEqualTo(hash);
        assertThat(InstanceGroupModel.build(cluster, group("nodes", InstanceGroupRole.Node, g -> { }),
                new InstanceGroupInputs("ami-0123456789abcdef1", "/dev/sda1", 20, "#!/bin/sh\n")))
                .satisfies(g -> assertThat(template(g).configHash()).isNotEqualTo(hash));
        assertThat(InstanceGroupModel.build(cluster, group("nodes", InstanceGroupRole.Node, g -> { }),
                new InstanceGroupInputs("ami-0123456789abcdef0", "/dev/sda1", 20, "#!/bin/sh\necho\n")))
                .satisfies(g -> assertThat(template(g).configHash()).isNotEqualTo(hash));
        cluster.getSpec().kubernetesVersion = "1.32.0";
        assertThat(hash(g -> { })).isNotEqualTo(hash);
    }

    @Test
    void aBringYourOwnSubnetIsUsedByItsId() {
        cluster.getSpec().subnets.get(0).id = "subnet-0123456789abcdef0";
        DesiredGraph graph = InstanceGroupModel.build(cluster, group("nodes", InstanceGroupRole.Node, g -> { }), INPUTS);
        assertThat(autoScalingGroup(graph).subnets()).contains(Ref.literal("subnet-0123456789abcdef0"));
        assertThat(graph.contains("subnet/" + cluster.getSpec().subnets.get(0).name)).isFalse();
    }

    private String hash(Consumer<InstanceGroupSpec> change) {
        return template(InstanceGroupModel.build(cluster, group("nodes", InstanceGroupRole.Node, change), INPUTS)).configHash();
    }

    private static LaunchTemplateSpec template(DesiredGraph graph) {
        return (LaunchTemplateSpec) graph.get(InstanceGroupIds.LAUNCH_TEMPLATE).orElseThrow().spec();
    }

    private static AutoScalingGroupSpec autoScalingGroup(DesiredGraph graph) {
        return (AutoScalingGroupSpec) graph.get(InstanceGroupIds.AUTO_SCALING_GROUP).orElseThrow().spec();
    }

    private static InstanceGroup group(String name, InstanceGroupRole role, Consumer<InstanceGroupSpec> change) {
        InstanceGroup group = new InstanceGroup();
        group.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName(name).build());
        InstanceGroupSpec spec = new InstanceGroupSpec();
        spec.clusterName = "prod";
        spec.role = role.name();
        spec.machineType = "t3.medium";
        spec.image = "ami-0123456789abcdef0";
        spec.minSize = 1;
        spec.maxSize = 3;
        change.accept(spec);
        group.setSpec(spec);
        return group;
    }
}
