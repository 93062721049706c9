package io.slipway.controller;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupStatus;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsSession;
import io.slipway.testing.Examples;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.workload.ManagementCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.model.ArchitectureValues;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Within the read share's lifetime a group's reconcile takes the cluster's shared reads, so a change made in the
 * console is seen up to one lifetime later; a reconcile asked for by annotation reads AWS afresh and puts it back at once.
 */
@ExtendWith(MotoExtension.class)
class GroupReconcileOnRequestReadsAfreshTest {

    @RegisterExtension
    static final ManagementCluster management = ManagementCluster.start();

    @Test
    void aRequestedReconcileSeesAConsoleChangeThatTheSharedReadsHide(AwsClientFactory aws) {
        Cluster cluster = DirectInfrastructure.cluster("requested");
        Clock clock = Clock.systemUTC();
        ReconcileSettings settings = ReconcileSettings.defaults();
        EventRecorder events = new EventRecorder(management.client, clock);
        AwsSession session = aws.session(AwsCredentialSource.operatorDefault(), cluster.getSpec().region);
        cluster.setStatus(DirectInfrastructure.converge(DirectInfrastructure.infrastructure(management.client, clock, settings),
                cluster, session));
        session.ec2().registerImage(r -> r.name("team-ubuntu-24.04-20260101").architecture(ArchitectureValues.X86_64)
                .rootDeviceName("/dev/sda1").virtualizationType("hvm")
                .blockDeviceMappings(b -> b.deviceName("/dev/sda1").ebs(e -> e.volumeSize(8))));
        InstanceGroup group = Examples.read(InstanceGroup.class, "examples/instancegroups.yaml", "nodes");
        group.getMetadata().setNamespace("default");
        group.getMetadata().setUid("uid-nodes");
        group.getMetadata().setGeneration(1L);
        group.getSpec().image = "self/team-ubuntu-24.04-*";
        group.getSpec().minSize = 1;
        group.getSpec().maxSize = 3;
        InstanceGroupInfrastructure groups = new InstanceGroupInfrastructure(new SimpleMeterRegistry(), events, clock,
                settings, DirectInfrastructure.POOL);

        InstanceGroupStatus status = new InstanceGroupStatus();
        for (int i = 0; i < 5 && !InstanceGroupInfrastructure.WAITING_FOR_NODES.equals(
                groups.reconcile(cluster, group, session, status, false).result().reason()); i++) {
            group.setStatus(status);
            status = StatusComparison.copy(status, InstanceGroupStatus.class);
        }
        String asg = status.autoScalingGroupName;
        AutoScalingClient autoScaling = session.autoScaling();
        autoScaling.updateAutoScalingGroup(r -> r.autoScalingGroupName(asg).maxSize(7));

        assertThat(groups.reconcile(cluster, group, session, status, false).result().reason())
                .as("the shared reads, taken before the console change, show the group converged")
                .isEqualTo(InstanceGroupInfrastructure.WAITING_FOR_NODES);
        assertThat(maxSize(autoScaling, asg)).isEqualTo(7);

        groups.reconcile(cluster, group, session, status, true);
        assertThat(maxSize(autoScaling, asg)).as("put back by the requested reconcile").isEqualTo(3);
    }

    private static int maxSize(AutoScalingClient autoScaling, String asg) {
        return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(asg)).autoScalingGroups().get(0).maxSize();
    }
}
