package io.slipway.controller;

import io.slipway.api.InstanceGroupStatus;
import io.slipway.aws.AwsSessionConfig;
import io.slipway.testing.CrashAfterResponse;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.RollCallLedger;
import io.slipway.testing.RollingUpdates;
import io.slipway.testing.workload.DisruptionWatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.slipway.controller.RollingClusterFixture.EXAMPLE_GROUPS;
import static io.slipway.controller.RollingClusterFixture.NODES;
import static io.slipway.controller.RollingClusterFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator dies right after each mutating AWS call of a roll, before it can write what the call did to status:
 * a forced restart of one of three control-plane groups of one (DeregisterTargets, TerminateInstanceInAutoScalingGroup;
 * its etcd member is removed from another control-plane node) and a new machine type for a node group of three with maxSurge 1 and maxUnavailable 1 (DetachInstances and TerminateInstances for the
 * surged instance, TerminateInstanceInAutoScalingGroup for the other of the batch). Every operator crashes after the
 * first roll call it makes that no earlier operator crashed after, and a fresh one (new clients) takes over, until one
 * finishes the roll. On the wire every old instance is terminated exactly once; a watcher of the workload cluster sees
 * no more than maxUnavailable nodes unavailable; moto ends with the groups at their sizes, every instance up to date.
 */
@ExtendWith(MotoExtension.class)
class CrashMidRollTest {
    private static final String CONTROL_PLANE = RollingClusterFixture.CONTROL_PLANE.get(0);
    private static final List<String> OTHER_CONTROL_PLANE = RollingClusterFixture.CONTROL_PLANE.subList(1, 3);

    private final RollCallLedger ledger = new RollCallLedger();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final Set<CrashAfterResponse.Crash> crashedAfter = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CrashAfterResponse> current = new AtomicReference<>();
    @RegisterExtension
    final RollingClusterFixture fixture = RollingClusterFixture.of(EXAMPLE_GROUPS)
            .spec(NODES, s -> s.rollingUpdate = RollingUpdates.of(1, 1))
            .aws(this::crashingAfterRollCalls).build();

    /** Each operator started records its roll calls and, once armed, crashes after the first no earlier one crashed after. */
    private AwsSessionConfig.Builder crashingAfterRollCalls(AwsSessionConfig.Builder aws) {
        CrashAfterResponse crash = new CrashAfterResponse(RollCallLedger.OPERATIONS,
                c -> armed.get() && crashedAfter.add(c), () -> fixture.harness.cutOperatorOff());
        current.set(crash);
        return aws.addInterceptor(ledger).addInterceptor(crash);
    }

    @Test
    void anOperatorKilledAfterEachRollCallIsReplacedByOneThatFinishesWithoutTerminatingTwice() throws Exception {
        List<String> oldControlPlane = fixture.instanceIds(CONTROL_PLANE);
        List<String> oldNodes = fixture.instanceIds(NODES);
        assertThat(oldControlPlane).hasSize(1);
        assertThat(oldNodes).hasSize(3);
        assertThat(ledger.calls()).as("no roll call while the cluster was built").isEmpty();

        List<CrashAfterResponse.Crash> crashes = new ArrayList<>();
        try (DisruptionWatcher watcher = DisruptionWatcher.start(fixture.workload().client(),
                Map.of(NODES, 3, CONTROL_PLANE, 1, OTHER_CONTROL_PLANE.get(0), 1, OTHER_CONTROL_PLANE.get(1), 1))) {
            armed.set(true);
            fixture.editGroup(CONTROL_PLANE, RollingClusterFixture.forcedRestart());
            fixture.editGroup(NODES, ig -> {
                ig.getSpec().machineType = "m6i.2xlarge";
                return ig;
            });
            while (true) {
                CrashAfterResponse operator = current.get();
                await().atMost(WAIT).ignoreExceptions().until(() -> operator.crash() != null
                        || (completed(CONTROL_PLANE) && completed(NODES)));
                if (operator.crash() == null) {
                    break;
                }
                crashes.add(operator.crash());
                assertThat(crashes).as("crashes: %s", crashes).hasSizeLessThan(12);
                fixture.harness.restartAfterCrash();
            }
            watcher.assertNeverExceeded(NODES, 1);
            watcher.assertNeverExceeded(CONTROL_PLANE, 1);
            for (String g : OTHER_CONTROL_PLANE) {
                watcher.assertNeverExceeded(g, 0);
            }
        }

        assertThat(crashes).extracting(CrashAfterResponse.Crash::operation).as("%s", crashes)
                .contains(RollCallLedger.DEREGISTER, RollCallLedger.DETACH, RollCallLedger.TERMINATE,
                        RollCallLedger.TERMINATE_IN_GROUP);
        List<String> old = new ArrayList<>(oldControlPlane);
        old.addAll(oldNodes);
        for (String id : old) {
            assertThat(ledger.terminations(id)).as("terminations of %s on the wire: %s", id, ledger.calls()).isEqualTo(1);
            assertThat(ledger.calls(RollCallLedger.DETACH, id)).as("detaches of %s", id).isLessThanOrEqualTo(1);
            assertThat(fixture.ec2State(id)).as(id).isIn("shutting-down", "terminated");
        }
        assertThat(ledger.calls()).as("nothing but the old instances was touched")
                .allSatisfy(c -> assertThat(old).containsAll(c.instanceIds()));
        assertThat(ledger.calls()).filteredOn(c -> c.operation().equals(RollCallLedger.DETACH))
                .as("one surged instance per batch of two, then the last one alone").hasSize(2);

        for (String group : List.of(CONTROL_PLANE, NODES)) {
            int size = group.equals(NODES) ? 3 : 1;
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                InstanceGroupStatus s = fixture.group(group).getStatus();
                assertThat(s.instances).as(group).hasSize(size).allSatisfy(i -> {
                    assertThat(i.upToDate).isTrue();
                    assertThat(i.ready).isTrue();
                });
                assertThat(s.updatedReplicas).isEqualTo(size);
                assertThat(fixture.instanceIds(group)).doesNotContainAnyElementsOf(old);
                assertThat(fixture.liveInstancesTaggedFor(group)).as("no detached instance left running")
                        .isEqualTo(fixture.instanceIds(group));
            });
        }
        assertThat(fixture.group(NODES).getStatus().rollout.replaced).as("counted by the operator that finished")
                .isEqualTo(3);
    }

    private boolean completed(String group) {
        return RolloutPhase.COMPLETED.equals(fixture.group(group).getStatus().rollout.phase);
    }
}
