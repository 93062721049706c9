package io.slipway.aws.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.AwsFailureClassifier;
import io.slipway.aws.errors.AwsFailureReason;
import io.slipway.aws.ec2.ImageResolver;
import io.slipway.aws.ec2.LaunchTemplateKind;
import io.slipway.cloud.Action;
import io.slipway.cloud.Change;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Lifecycle;
import io.slipway.cloud.Plan;
import io.slipway.model.InstanceGroupIds;
import io.slipway.model.Owners;
import io.slipway.testing.AwsInventory;
import io.slipway.testing.Boto3Inventory;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An InstanceGroup's launch template and auto scaling group against moto, on a converged cluster: what is created,
 * read back by boto3 and plain SDK clients; in-place scaling; a new launch template version for a new
 * configuration; drift put back; and that a group's plan never touches the cluster or another group.
 */
class InstanceGroupAwsTest extends OnConvergedCluster {
    @Test
    void aNodeGroupIsCreatedWithItsSettingsAndConverges() {
        InstanceGroup nodes = InstanceGroupFixture.group("nodes", InstanceGroupRole.Node, 2, 4);
        nodes.getSpec().instanceMetadata = new io.slipway.api.InstanceMetadataOptions();
        nodes.getSpec().instanceMetadata.httpPutResponseHopLimit = 2;
        nodes.getSpec().nodeLabels = Map.of("team", "web");
        DesiredGraph graph = aws.graph(nodes);

        Plan plan = engine.plan(graph);
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.pending()).extracting(Change::logicalId)
                .containsExactlyInAnyOrder(InstanceGroupIds.LAUNCH_TEMPLATE, InstanceGroupIds.AUTO_SCALING_GROUP);
        assertThat(plan.changes()).filteredOn(c -> c.lifecycle() == Lifecycle.EXTERNAL)
                .allMatch(c -> c.action() == Action.NONE && c.cloudId() != null)
                .extracting(Change::logicalId).contains("securitygroup/nodes", "iam/instanceprofile/node",
                        "subnet/private-us-east-1a", "subnet/private-us-east-1b", "subnet/private-us-east-1c");
        var result = engine.apply(plan);
        assertThat(result.isComplete()).as("%s", result).isTrue();
        assertThat(engine.plan(graph).isConverged()).as("second plan: %s", engine.plan(graph)).isTrue();
        assertThat(engine.plan(aws.clusterGraph()).isConverged()).as("the cluster's plan").isTrue();

        JsonNode boto3 = Boto3Inventory.tagged(MotoServer.get().endpoint(), InstanceGroupFixture.OWNER);
        assertThat(boto3.path("launch-template")).hasSize(1);
        assertThat(boto3.path("auto-scaling-group")).hasSize(1);
        JsonNode group = boto3.path("auto-scaling-group").get(0);
        assertThat(group.path("min").asInt()).isEqualTo(2);
        assertThat(group.path("max").asInt()).isEqualTo(4);
        assertThat(group.path("desired").asInt()).isEqualTo(2);
        assertThat(group.path("subnets")).hasSize(3);
        assertThat(group.path("launchTemplate").path("Version").asText()).isEqualTo("$Default");
        String hash = group.path("tags").path(LaunchTemplateKind.CONFIG_HASH_TAG).asText();
        assertThat(hash).hasSize(12);
        assertThat(group.path("tags").path("k8s.io/cluster-autoscaler/enabled").asText()).isEqualTo("1");
        assertThat(group.path("tags").has("k8s.io/cluster-autoscaler/demo")).isTrue();
        assertThat(group.path("tags").path("k8s.io/cluster-autoscaler/node-template/label/team").asText()).isEqualTo("web");
        assertThat(group.path("tags").path("kubernetes.io/cluster/demo").asText()).isEqualTo("owned");
        assertThat(group.path("tags").path("slipway.io/owner").asText()).isEqualTo("instancegroup/nodes");

        ResponseLaunchTemplateData data = defaultVersion().launchTemplateData();
        assertThat(data.imageId()).isEqualTo(newestImage);
        assertThat(data.instanceType().toString()).isEqualTo("t3.medium");
        assertThat(data.metadataOptions().httpTokensAsString()).isEqualTo("required");
        assertThat(data.metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
        assertThat(data.blockDeviceMappings()).singleElement().satisfies(mapping -> {
            assertThat(mapping.deviceName()).isEqualTo("/dev/sda1");
            assertThat(mapping.ebs().encrypted()).isTrue();
            assertThat(mapping.ebs().volumeTypeAsString()).isEqualTo("gp3");
            assertThat(mapping.ebs().deleteOnTermination()).isTrue();
        });
        String nodesGroupId = inventory.ec2.describeSecurityGroups(r -> r.filters(f -> f.name("tag:slipway.io/resource")
                .values("securitygroup/nodes"))).securityGroups().get(0).groupId();
        assertThat(data.securityGroupIds()).containsExactly(nodesGroupId);
        assertThat(data.iamInstanceProfile().arn()).contains(":instance-profile/slipway/prod/demo/");
        assertThat(data.tagSpecifications()).extracting(t -> t.resourceTypeAsString()).contains("instance", "volume");
        assertThat(new String(java.util.Base64.getDecoder().decode(data.userData()))).isEqualTo(InstanceGroupFixture.USER_DATA);

        List<GroupInstances.GroupInstance> instances = new GroupInstances(inventory.ec2).of(group.path("id").asText());
        assertThat(instances).hasSize(2).allSatisfy(i -> {
            assertThat(i.configHash()).isEqualTo(hash);
            assertThat(i.state()).isIn("pending", "running");
            assertThat(i.launchTime()).as("the LaunchTime EC2 reports for it").isNotNull().isEqualTo(inventory.ec2
                    .describeInstances(r -> r.instanceIds(i.id())).reservations().get(0).instances().get(0).launchTime());
        });
    }

    @Test
    void aControlPlaneGroupIsAttachedToTheApiTargetGroup() {
        InstanceGroup controlPlane = InstanceGroupFixture.group("control-plane-a", InstanceGroupRole.ControlPlane, 1, 1);
        controlPlane.getSpec().subnets = List.of("private-us-east-1a");
        assertThat(engine.apply(engine.plan(aws.graph(controlPlane))).isComplete()).isTrue();

        AutoScalingGroup group = onlyGroup();
        String targetGroup = inventory.elbv2.describeTargetGroups(r -> { }).targetGroups().get(0).targetGroupArn();
        assertThat(group.targetGroupARNs()).containsExactly(targetGroup);
        assertThat(group.vpcZoneIdentifier().split(",")).hasSize(1);
        assertThat(group.tags()).noneMatch(t -> t.key().startsWith("k8s.io/cluster-autoscaler"));
    }

    @Test
    void changingMinAndMaxScalesInPlace() {
        InstanceGroup nodes = InstanceGroupFixture.group("nodes", InstanceGroupRole.Node, 1, 3);
        engine.apply(engine.plan(aws.graph(nodes)));
        String hash = onlyGroupTag(LaunchTemplateKind.CONFIG_HASH_TAG);
        List<String> before = instanceIds();

        nodes.getSpec().minSize = 2;
        nodes.getSpec().maxSize = 5;
        Plan plan = engine.plan(aws.graph(nodes));
        assertThat(plan.pending()).extracting(Change::logicalId).containsExactly(InstanceGroupIds.AUTO_SCALING_GROUP);
        assertThat(plan.pending().get(0).fields()).extracting(f -> f.field())
                .containsExactlyInAnyOrder("minSize", "maxSize", "desiredCapacity");
        assertThat(engine.apply(plan).isComplete()).isTrue();
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).isTrue();

        AutoScalingGroup group = onlyGroup();
        assertThat(group.minSize()).isEqualTo(2);
        assertThat(group.maxSize()).isEqualTo(5);
        assertThat(group.desiredCapacity()).isEqualTo(2);
        assertThat(defaultVersion().versionNumber()).isEqualTo(1L);
        assertThat(onlyGroupTag(LaunchTemplateKind.CONFIG_HASH_TAG)).isEqualTo(hash);
        assertThat(instanceIds()).containsAll(before).hasSize(2);
    }

    @Test
    void aDesiredCapacityWithinTheBoundsIsLeftAlone() {
        InstanceGroup nodes = InstanceGroupFixture.group("nodes", InstanceGroupRole.Node, 1, 5);
        engine.apply(engine.plan(aws.graph(nodes)));
        // what a cluster-autoscaler or a person does
        inventory.autoScaling.setDesiredCapacity(r -> r.autoScalingGroupName(onlyGroup().autoScalingGroupName()).desiredCapacity(3));
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).isTrue();
    }

    @Test
    void aNewMachineTypeMakesANewDefaultVersionAndHashAndOutdatesTheInstances() {
        InstanceGroup nodes = InstanceGroupFixture.group("nodes", InstanceGroupRole.Node, 2, 3);
        engine.apply(engine.plan(aws.graph(nodes)));
        String oldHash = onlyGroupTag(LaunchTemplateKind.CONFIG_HASH_TAG);

        nodes.getSpec().machineType = "m6i.large";
        Plan plan = engine.plan(aws.graph(nodes));
        assertThat(plan.pending()).extracting(Change::logicalId)
                .containsExactlyInAnyOrder(InstanceGroupIds.LAUNCH_TEMPLATE, InstanceGroupIds.AUTO_SCALING_GROUP);
        assertThat(engine.apply(plan).isComplete()).isTrue();
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).isTrue();

        LaunchTemplateVersion version = defaultVersion();
        assertThat(version.versionNumber()).isEqualTo(2L);
        assertThat(version.launchTemplateData().instanceTypeAsString()).isEqualTo("m6i.large");
        String newHash = onlyGroupTag(LaunchTemplateKind.CONFIG_HASH_TAG);
        assertThat(newHash).isNotEqualTo(oldHash);
        assertThat(version.versionDescription()).isEqualTo(newHash);
        assertThat(versions()).as("version 1 is kept as it was").containsEntry(1L, "t3.medium");
        assertThat(new GroupInstances(inventory.ec2).of(onlyGroup().autoScalingGroupName()))
                .hasSize(2).allMatch(i -> oldHash.equals(i.configHash()));
    }

    @Test
    void driftIsPutBack() {
        InstanceGroup nodes = InstanceGroupFixture.group("nodes", InstanceGroupRole.Node, 1, 3);
        engine.apply(engine.plan(aws.graph(nodes)));
        nodes.getSpec().machineType = "m6i.large";
        engine.apply(engine.plan(aws.graph(nodes)));
        String name = onlyGroup().autoScalingGroupName();
        String templateId = defaultVersion().launchTemplateId();

        // in the console: suspend launches, raise the max, make version 1 the default again
        inventory.autoScaling.suspendProcesses(r -> r.autoScalingGroupName(name).scalingProcesses("Launch", "HealthCheck"));
        inventory.autoScaling.updateAutoScalingGroup(r -> r.autoScalingGroupName(name).maxSize(9));
        inventory.ec2.modifyLaunchTemplate(r -> r.launchTemplateId(templateId).defaultVersion("1"));

        Plan plan = engine.plan(aws.graph(nodes));
        assertThat(plan.pending()).extracting(Change::logicalId)
                .containsExactlyInAnyOrder(InstanceGroupIds.LAUNCH_TEMPLATE, InstanceGroupIds.AUTO_SCALING_GROUP);
        assertThat(engine.apply(plan).isComplete()).isTrue();
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).isTrue();

        AutoScalingGroup group = onlyGroup();
        assertThat(group.suspendedProcesses()).isEmpty();
        assertThat(group.maxSize()).isEqualTo(3);
        assertThat(defaultVersion().versionNumber()).as("our version is the default again").isEqualTo(2L);
        assertThat(versions()).hasSize(2);
    }

    @Test
    void aGroupsPlanNeverTouchesAnotherGroupOrTheCluster() {
        InstanceGroup nodes = InstanceGroupFixture.group("nodes", InstanceGroupRole.Node, 1, 2);
        InstanceGroup spot = InstanceGroupFixture.group("spot", InstanceGroupRole.Node, 0, 2);
        spot.getSpec().maxPrice = "0.05";
        engine.apply(engine.plan(aws.graph(nodes)));
        engine.apply(engine.plan(aws.graph(spot)));

        assertThat(inventory.of("AutoScalingGroup", AwsInventory.Scope.of(InstanceGroupFixture.OWNER))).hasSize(2);
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).isTrue();
        assertThat(engine.plan(aws.graph(spot)).isConverged()).isTrue();
        assertThat(engine.plan(aws.clusterGraph()).isConverged()).isTrue();

        assertThat(engine.deleteAllOwned(Owners.instanceGroup(InstanceGroupFixture.NAMESPACE, InstanceGroupFixture.NAME,
                "spot")).isComplete()).isTrue();
        assertThat(inventory.of("AutoScalingGroup", AwsInventory.Scope.of(InstanceGroupFixture.OWNER))).hasSize(1);
        assertThat(inventory.of("LaunchTemplate", AwsInventory.Scope.of(InstanceGroupFixture.OWNER))).hasSize(1);
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).isTrue();
        assertThat(engine.plan(aws.clusterGraph()).isConverged()).isTrue();
    }

    @Test
    void tearingDownTheWholeClusterFindsTheGroupsToo() {
        engine.apply(engine.plan(aws.graph(InstanceGroupFixture.group("nodes", InstanceGroupRole.Node, 1, 2))));
        InstanceGroup controlPlane = InstanceGroupFixture.group("control-plane", InstanceGroupRole.ControlPlane, 1, 1);
        engine.apply(engine.plan(aws.graph(controlPlane)));

        var result = engine.deleteAllOwned(Owners.wholeCluster(aws.cluster), aws.clusterGraph(),
                new io.slipway.cloud.TeardownOptions(6, java.time.Duration.ofMillis(200)), io.slipway.cloud.ApplyListener.NONE);

        assertThat(result.isComplete()).as("%s", result).isTrue();
        assertThat(inventory.all(AwsInventory.Scope.of(InstanceGroupFixture.OWNER))).isEmpty();
        assertThat(Boto3Inventory.count(Boto3Inventory.tagged(MotoServer.get().endpoint(), InstanceGroupFixture.OWNER))).isZero();
    }

    @Test
    void anImageFilterFindsTheNewestMatchAndAnIdIsTakenAsIs() {
        ImageResolver resolver = new ImageResolver(inventory.ec2);
        assertThat(resolver.resolve(InstanceGroupFixture.IMAGE).id()).isEqualTo(newestImage);
        assertThat(resolver.resolve("123456789012/slipway-test-ubuntu-24.04-2025*").id()).isEqualTo(olderImage);
        assertThat(resolver.resolve(olderImage)).satisfies(image -> {
            assertThat(image.id()).isEqualTo(olderImage);
            assertThat(image.rootDeviceName()).isEqualTo("/dev/sda1");
            assertThat(image.rootVolumeSize()).isPositive();
        });
    }

    @Test
    void anImageThatMatchesNothingIsAMissingInputNamingSpecImage() {
        ImageResolver resolver = new ImageResolver(inventory.ec2);
        for (String image : List.of("self/ubuntu-noble-24.04-*", "ami-0123456789abcdef0")) {
            assertThatThrownBy(() -> resolver.resolve(image))
                    .satisfies(e -> assertThat(new AwsFailureClassifier().reason(e)).isEqualTo(AwsFailureReason.MISSING_INPUT))
                    .hasMessageContaining("spec.image " + image);
        }
    }

    private AutoScalingGroup onlyGroup() {
        List<AutoScalingGroup> groups = inventory.autoScaling.describeAutoScalingGroups().autoScalingGroups();
        assertThat(groups).hasSize(1);
        return groups.get(0);
    }

    private String onlyGroupTag(String key) {
        return onlyGroup().tags().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow().value();
    }

    private List<String> instanceIds() {
        return onlyGroup().instances().stream().map(i -> i.instanceId()).sorted().toList();
    }

    private LaunchTemplateVersion defaultVersion() {
        String id = inventory.ec2.describeLaunchTemplates().launchTemplates().get(0).launchTemplateId();
        return inventory.ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(id).versions("$Default"))
                .launchTemplateVersions().get(0);
    }

    private Map<Long, String> versions() {
        String id = inventory.ec2.describeLaunchTemplates().launchTemplates().get(0).launchTemplateId();
        return inventory.ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(id)).launchTemplateVersions().stream()
                .collect(Collectors.toMap(LaunchTemplateVersion::versionNumber, v -> v.launchTemplateData().instanceTypeAsString()));
    }
}
