package io.slipway.aws.autoscaling;

import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.MixedInstancesPolicySpec;
import io.slipway.cloud.Change;
import io.slipway.cloud.Plan;
import io.slipway.model.InstanceGroupIds;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group with a mixed instances policy against moto, which keeps the policy as given but launches every instance
 * with the launch template's own type (the overrides are ignored), and answers a distribution sent without fields
 * with AWS's defaults: the plan converges and stays converged, whatever moto launched.
 */
class MixedInstancesPolicyTest extends OnConvergedCluster {
    @Test
    void aPolicyThatLeavesTheDistributionToAwsConvergesAndStaysConverged() {
        InstanceGroup nodes = InstanceGroupFixture.group("nodes", InstanceGroupRole.Node, 2, 4);
        nodes.getSpec().mixedInstancesPolicy = new MixedInstancesPolicySpec();
        nodes.getSpec().mixedInstancesPolicy.instances = List.of("t3.medium", "t3a.medium");

        assertThat(engine.apply(engine.plan(aws.graph(nodes))).isComplete()).isTrue();

        AutoScalingGroup group = onlyGroup();
        assertThat(group.mixedInstancesPolicy().launchTemplate().overrides()).extracting(LaunchTemplateOverrides::instanceType)
                .containsExactly("t3.medium", "t3a.medium");
        var distribution = group.mixedInstancesPolicy().instancesDistribution();
        assertThat(distribution.onDemandBaseCapacity()).isZero();
        assertThat(distribution.onDemandPercentageAboveBaseCapacity()).isEqualTo(100);
        assertThat(distribution.spotAllocationStrategy()).isEqualTo("lowest-price");
        assertThat(group.launchTemplate()).as("the template is the policy's").isNull();
        assertThat(group.instances()).hasSize(2);
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).isTrue();
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).as("and again, with the instances running").isTrue();
    }

    @Test
    void aPartlyGivenDistributionConvergesAndAChangedPolicyIsPutBack() {
        InstanceGroup nodes = InstanceGroupFixture.group("nodes", InstanceGroupRole.Node, 1, 3);
        nodes.getSpec().mixedInstancesPolicy = new MixedInstancesPolicySpec();
        nodes.getSpec().mixedInstancesPolicy.instances = List.of("m6i.large", "m5.large");
        nodes.getSpec().mixedInstancesPolicy.onDemandBase = 1;
        nodes.getSpec().mixedInstancesPolicy.onDemandAboveBase = 0;
        assertThat(engine.apply(engine.plan(aws.graph(nodes))).isComplete()).isTrue();
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).isTrue();
        assertThat(onlyGroup().instances()).singleElement().satisfies(i -> assertThat(i.instanceType())
                .as("moto ignores the overrides: the template's type").isEqualTo("t3.medium"));

        // in the console: one type only, all on demand
        String name = onlyGroup().autoScalingGroupName();
        String templateId = onlyGroup().mixedInstancesPolicy().launchTemplate().launchTemplateSpecification().launchTemplateId();
        inventory.autoScaling.updateAutoScalingGroup(r -> r.autoScalingGroupName(name).mixedInstancesPolicy(p -> p
                .launchTemplate(t -> t.launchTemplateSpecification(s -> s.launchTemplateId(templateId).version("$Default"))
                        .overrides(o -> o.instanceType("c5.large")))
                .instancesDistribution(d -> d.onDemandBaseCapacity(1).onDemandPercentageAboveBaseCapacity(100))));
        Plan drift = engine.plan(aws.graph(nodes));
        assertThat(drift.pending()).extracting(Change::logicalId).containsExactly(InstanceGroupIds.AUTO_SCALING_GROUP);
        assertThat(drift.pending().get(0).fields()).extracting(f -> f.field()).containsExactly("mixedInstances");
        assertThat(engine.apply(drift).isComplete()).isTrue();

        assertThat(onlyGroup().mixedInstancesPolicy().launchTemplate().overrides()).extracting(LaunchTemplateOverrides::instanceType)
                .containsExactly("m6i.large", "m5.large");
        assertThat(onlyGroup().mixedInstancesPolicy().instancesDistribution().onDemandPercentageAboveBaseCapacity()).isZero();
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).isTrue();

        // the policy taken out of the spec: the group launches the template alone
        nodes.getSpec().mixedInstancesPolicy = null;
        assertThat(engine.apply(engine.plan(aws.graph(nodes))).isComplete()).isTrue();
        assertThat(onlyGroup().mixedInstancesPolicy()).isNull();
        assertThat(onlyGroup().launchTemplate().version()).isEqualTo("$Default");
        assertThat(engine.plan(aws.graph(nodes)).isConverged()).isTrue();
    }

    private AutoScalingGroup onlyGroup() {
        List<AutoScalingGroup> groups = inventory.autoScaling.describeAutoScalingGroups().autoScalingGroups();
        assertThat(groups).hasSize(1);
        return groups.get(0);
    }
}
