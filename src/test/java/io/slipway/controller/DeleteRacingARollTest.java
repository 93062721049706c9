package io.slipway.controller;

import io.slipway.api.InstanceGroup;
import io.slipway.aws.AwsSessionConfig;
import io.slipway.testing.AwsInventory;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delete that races a roll leaves no instance behind. The rollout controller and the group's teardown run side by
 * side: a surge may detach an instance after the teardown read the auto scaling group's members, and the group's
 * delete then takes only the members left. Here the detach is made, as the roll makes it, just before the operator's
 * DeleteAutoScalingGroup reaches moto. And whatever still runs with the cluster's tags when the Cluster goes (a group
 * whose finalizer a user took away) is terminated by the Cluster's teardown, whose subnets it would otherwise hold.
 */
@ExtendWith(MotoExtension.class)
class DeleteRacingARollTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String NODES = RollingClusterFixture.NODES;

    /** Armed with the group whose delete is raced; the instance it detached, once it has. */
    private final AtomicReference<String> racedGroup = new AtomicReference<>();
    private final AtomicReference<String> detached = new AtomicReference<>();

    @RegisterExtension
    final RollingClusterFixture fixture = RollingClusterFixture.of(List.of(RollingClusterFixture.CONTROL_PLANE.get(0), NODES))
            .aws(this::detachingBeforeTheGroupsDelete).build();

    private AwsSessionConfig.Builder detachingBeforeTheGroupsDelete(AwsSessionConfig.Builder aws) {
        return aws.addInterceptor(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof DeleteAutoScalingGroupRequest delete
                        && delete.autoScalingGroupName().equals(racedGroup.get()) && detached.get() == null) {
                    String member = fixture.harness.consoleAutoScaling().describeAutoScalingGroups(r ->
                                    r.autoScalingGroupNames(delete.autoScalingGroupName()))
                            .autoScalingGroups().get(0).instances().get(0).instanceId();
                    // what a surge does: out of the group, its desired capacity kept
                    fixture.harness.consoleAutoScaling().detachInstances(r -> r.autoScalingGroupName(delete.autoScalingGroupName())
                            .instanceIds(member).shouldDecrementDesiredCapacity(false));
                    detached.set(member);
                }
            }
        });
    }

    @Test
    void anInstanceDetachedWhileItsGroupIsDeletedIsTerminatedWithTheGroup() {
        assertThat(fixture.liveInstancesTaggedFor(NODES)).hasSize(3);
        racedGroup.set(fixture.group(NODES).getStatus().autoScalingGroupName);

        fixture.harness.client.resources(InstanceGroup.class).inNamespace("default").withName(NODES).delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(fixture.group(NODES)).isNull());

        assertThat(detached.get()).as("the race was run").isNotNull();
        assertThat(fixture.liveInstancesTaggedFor(NODES)).as("instances of the deleted group still running").isEmpty();
        assertThat(fixture.ec2State(detached.get())).isIn("shutting-down", "terminated");
    }

    @Test
    void theClustersDeleteTerminatesWhatStillRunsWithItsTags() {
        String group = fixture.group(NODES).getStatus().autoScalingGroupName;
        String stray = fixture.instanceIds(NODES).get(0);
        // while the operator is down, a roll's detached instance is left behind by a group whose finalizer a user
        // took away: the group goes without its teardown
        fixture.harness.cutOperatorOff();
        fixture.harness.consoleAutoScaling().detachInstances(r -> r.autoScalingGroupName(group).instanceIds(stray)
                .shouldDecrementDesiredCapacity(true));
        fixture.editGroup(NODES, ig -> {
            ig.getMetadata().setFinalizers(List.of());
            return ig;
        });
        fixture.harness.client.resources(InstanceGroup.class).inNamespace("default").withName(NODES).delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(fixture.group(NODES)).isNull());
        fixture.harness.restartAfterCrash();
        assertThat(fixture.ec2State(stray)).isEqualTo("running");

        fixture.deleteCluster(WAIT);
        assertThat(fixture.ec2State(stray)).isIn("shutting-down", "terminated");
        assertThat(fixture.harness.consoleEc2().describeInstances(r -> r.filters(
                        Filter.builder().name("tag:slipway.io/cluster").values("default/demo").build(),
                        Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped").build()))
                .reservations()).as("instances of the deleted cluster").isEmpty();
        try (AwsInventory inventory = new AwsInventory(MotoServer.get().endpoint())) {
            assertThat(inventory.all(AwsInventory.Scope.of("default/demo"))).isEmpty();
        }
    }
}
