package io.slipway.rollout.remediation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.InstanceGroupRole;
import io.slipway.rollout.remediation.RemediationVerdict.Kind;
import io.slipway.validation.IntOrPercent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RemediationPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final RemediationSettings DEFAULTS = RemediationSettings.DEFAULTS; // enabled, 5m, 40%

    private static Instant ago(String goDuration) {
        return NOW.minus(io.slipway.validation.GoDuration.parse(goDuration));
    }

    private static InstanceHealth ready(String id) {
        return new InstanceHealth(id, "running", ago("1h"), "node-" + id, true, null);
    }

    private static InstanceHealth notReady(String id, String launched, String notReadyFor) {
        return new InstanceHealth(id, "running", ago(launched), "node-" + id, false, notReadyFor == null ? null : ago(notReadyFor));
    }

    private static InstanceHealth noNode(String id, String launched) {
        return new InstanceHealth(id, "running", ago(launched), null, false, null);
    }

    private static GroupHealth nodes(InstanceHealth... instances) {
        return new GroupHealth("nodes", InstanceGroupRole.Node, List.of(instances), true, List.of());
    }

    private static RemediationSettings settings(String unhealthyAfter, Object maxUnhealthy) {
        IntOrString max = maxUnhealthy instanceof Integer i ? new IntOrString(i) : new IntOrString((String) maxUnhealthy);
        return new RemediationSettings(true, io.slipway.validation.GoDuration.parse(unhealthyAfter), IntOrPercent.parse(max));
    }

    private static List<String> ids(RemediationVerdict verdict) {
        return verdict.replace().stream().map(UnhealthyInstance::instanceId).toList();
    }

    @Nested
    class WhichInstancesAreUnhealthy {
        @Test
        void allReadyIsHealthyWithNothingToLookAtLater() {
            RemediationVerdict v = RemediationPolicy.decide(nodes(ready("i-1"), ready("i-2")), DEFAULTS, NOW);
            assertThat(v.kind()).isEqualTo(Kind.HEALTHY);
            assertThat(v.reason()).isEqualTo("InstancesHealthy");
            assertThat(v.replace()).isEmpty();
            assertThat(v.nextCheckAt()).isNull();
            assertThat(v.message()).isEqualTo("2 instance(s), none unhealthy for longer than unhealthyAfter 5m");
        }

        @Test
        void aNodeNotReadyForLongerThanUnhealthyAfterIsReplaced() {
            RemediationVerdict v = RemediationPolicy.decide(nodes(ready("i-1"), notReady("i-2", "1h", "6m"), ready("i-3")), DEFAULTS, NOW);
            assertThat(v.kind()).isEqualTo(Kind.REPLACE);
            assertThat(v.reason()).isEqualTo("UnhealthyInstances");
            assertThat(v.replace()).containsExactly(new UnhealthyInstance("i-2", "node-i-2", ago("6m"),
                    "node node-i-2 NotReady since 2026-11-30T11:54:00Z, longer than unhealthyAfter 5m"));
            assertThat(v.message()).isEqualTo("replacing 1 unhealthy instance(s) of 3: i-2 (node node-i-2 NotReady since 2026-11-30T11:54:00Z, longer than unhealthyAfter 5m)");
        }

        @Test
        void notReadyForLessThanUnhealthyAfterWaitsAndSaysWhenToLookAgain() {
            RemediationVerdict v = RemediationPolicy.decide(nodes(ready("i-1"), notReady("i-2", "1h", "4m")), DEFAULTS, NOW);
            assertThat(v.kind()).isEqualTo(Kind.HEALTHY);
            assertThat(v.nextCheckAt()).isEqualTo(ago("4m").plus(Duration.ofMinutes(5)));
        }

        @Test
        void exactlyUnhealthyAfterIsNotYetLonger() {
            assertThat(RemediationPolicy.decide(nodes(notReady("i-1", "1h", "5m"), ready("i-2"), ready("i-3")), DEFAULTS, NOW).kind())
                    .isEqualTo(Kind.HEALTHY);
            assertThat(RemediationPolicy.decide(nodes(notReady("i-1", "1h", "5m1s"), ready("i-2"), ready("i-3")), DEFAULTS, NOW).kind())
                    .isEqualTo(Kind.REPLACE);
        }

        @Test
        void anInstanceWhoseNodeNeverJoinedIsReplacedAfterUnhealthyAfterFromItsLaunch() {
            RemediationVerdict v = RemediationPolicy.decide(nodes(noNode("i-1", "7m30s"), ready("i-2"), ready("i-3")), DEFAULTS, NOW);
            assertThat(v.kind()).isEqualTo(Kind.REPLACE);
            assertThat(v.replace()).singleElement().satisfies(u -> {
                assertThat(u.nodeName()).isNull();
                assertThat(u.why()).isEqualTo("no node since its launch at 2026-11-30T11:52:30Z, longer than unhealthyAfter 5m");
            });
        }

        @Test
        void aBootingInstanceWithoutANodeYetIsLeftAlone() {
            RemediationVerdict v = RemediationPolicy.decide(nodes(noNode("i-1", "2m"), ready("i-2")), DEFAULTS, NOW);
            assertThat(v.kind()).isEqualTo(Kind.HEALTHY);
            assertThat(v.nextCheckAt()).isEqualTo(ago("2m").plus(Duration.ofMinutes(5)));
        }

        @Test
        void theClockStartsAtTheLaterOfLaunchAndTheLastReadyTransition() {
            // registered NotReady long before (a stale transition time) but launched 3m ago: 3m counts
            assertThat(RemediationPolicy.decide(nodes(notReady("i-1", "3m", "20m"), ready("i-2"), ready("i-3")), DEFAULTS, NOW).kind())
                    .isEqualTo(Kind.HEALTHY);
            // launched long ago, went NotReady 3m ago: 3m counts
            assertThat(RemediationPolicy.decide(nodes(notReady("i-1", "2h", "3m"), ready("i-2"), ready("i-3")), DEFAULTS, NOW).kind())
                    .isEqualTo(Kind.HEALTHY);
            // NotReady without a transition time: from the launch
            assertThat(RemediationPolicy.decide(nodes(notReady("i-1", "2h", null), ready("i-2"), ready("i-3")), DEFAULTS, NOW).kind())
                    .isEqualTo(Kind.REPLACE);
        }

        @Test
        void unknownTimesReplaceNothing() {
            InstanceHealth unknown = new InstanceHealth("i-1", "running", null, "node-i-1", false, null);
            InstanceHealth noLaunch = new InstanceHealth("i-2", "running", null, null, false, null);
            RemediationVerdict v = RemediationPolicy.decide(nodes(unknown, noLaunch, ready("i-3")), settings("5m", "100%"), NOW);
            assertThat(v.kind()).isEqualTo(Kind.HEALTHY);
            assertThat(v.nextCheckAt()).isNull();
        }

        @Test
        void instancesOnTheirWayOutAreNeitherJudgedNorCounted() {
            InstanceHealth terminating = new InstanceHealth("i-1", "shutting-down", ago("1h"), "node-i-1", false, ago("30m"));
            RemediationVerdict v = RemediationPolicy.decide(nodes(terminating, ready("i-2"), ready("i-3")), DEFAULTS, NOW);
            assertThat(v.kind()).isEqualTo(Kind.HEALTHY);
            assertThat(v.message()).startsWith("2 instance(s)");
        }

        @Test
        void aStoppedInstanceIsJudgedByItsNode() {
            InstanceHealth stopped = new InstanceHealth("i-1", "stopped", ago("1h"), "node-i-1", false, ago("10m"));
            assertThat(ids(RemediationPolicy.decide(nodes(stopped, ready("i-2"), ready("i-3")), DEFAULTS, NOW))).containsExactly("i-1");
        }

        @Test
        void theLongestUnhealthyComeFirst() {
            RemediationVerdict v = RemediationPolicy.decide(nodes(notReady("i-a", "1h", "6m"), notReady("i-b", "1h", "30m"),
                    noNode("i-c", "10m"), ready("i-d"), ready("i-e"), ready("i-f"), ready("i-g")), settings("5m", 3), NOW);
            assertThat(ids(v)).containsExactly("i-b", "i-c", "i-a");
        }

        @Test
        void aShorterUnhealthyAfterActsSooner() {
            assertThat(ids(RemediationPolicy.decide(nodes(notReady("i-1", "1h", "45s"), ready("i-2"), ready("i-3")), settings("30s", "40%"), NOW)))
                    .containsExactly("i-1");
        }
    }

    @Nested
    class MaxUnhealthy {
        @Test
        void upToMaxUnhealthyAreReplaced() {
            // 40% of 5 is 2
            RemediationVerdict v = RemediationPolicy.decide(nodes(notReady("i-1", "1h", "6m"), noNode("i-2", "9m"),
                    ready("i-3"), ready("i-4"), ready("i-5")), DEFAULTS, NOW);
            assertThat(ids(v)).containsExactlyInAnyOrder("i-1", "i-2");
        }

        @Test
        void moreThanMaxUnhealthyStopsRemediationAndSaysWhy() {
            RemediationVerdict v = RemediationPolicy.decide(nodes(notReady("i-1", "1h", "6m"), notReady("i-2", "1h", "7m"),
                    notReady("i-3", "1h", "8m"), ready("i-4"), ready("i-5")), DEFAULTS, NOW);
            assertThat(v.kind()).isEqualTo(Kind.BLOCKED);
            assertThat(v.blocked()).isTrue();
            assertThat(v.replace()).isEmpty();
            assertThat(v.reason()).isEqualTo("TooManyUnhealthy");
            assertThat(v.message()).isEqualTo("3 of 5 instance(s) are unhealthy, more than maxUnhealthy 40% (2 of 5): the fault is likely "
                    + "not in the nodes, so none is replaced: i-3 (node node-i-3 NotReady since 2026-11-30T11:52:00Z, longer than unhealthyAfter 5m), "
                    + "i-2 (node node-i-2 NotReady since 2026-11-30T11:53:00Z, longer than unhealthyAfter 5m), i-1 (node node-i-1 NotReady since 2026-11-30T11:54:00Z, longer than unhealthyAfter 5m)");
        }

        @Test
        void aCountWorksLikeAPercentage() {
            GroupHealth two = nodes(notReady("i-1", "1h", "6m"), notReady("i-2", "1h", "6m"), ready("i-3"), ready("i-4"));
            assertThat(RemediationPolicy.decide(two, settings("5m", 1), NOW).reason()).isEqualTo("TooManyUnhealthy");
            assertThat(RemediationPolicy.decide(two, settings("5m", 2), NOW).kind()).isEqualTo(Kind.REPLACE);
            assertThat(RemediationPolicy.decide(two, settings("5m", "50%"), NOW).kind()).isEqualTo(Kind.REPLACE);
            assertThat(RemediationPolicy.decide(two, settings("5m", "49%"), NOW).kind()).as("49% of 4 rounds down to 1").isEqualTo(Kind.BLOCKED);
        }

        @Test
        void aGroupOfOneNeedsAMaxUnhealthyThatAllowsOne() {
            GroupHealth one = nodes(notReady("i-1", "1h", "6m"));
            assertThat(RemediationPolicy.decide(one, DEFAULTS, NOW).reason()).as("40% of 1 is 0").isEqualTo("TooManyUnhealthy");
            assertThat(ids(RemediationPolicy.decide(one, settings("5m", 1), NOW))).containsExactly("i-1");
        }

        @Test
        void waitingInstancesDoNotCountAsUnhealthy() {
            // 2 unhealthy, 2 more NotReady for less than unhealthyAfter: 2 of 5 is within 40%
            RemediationVerdict v = RemediationPolicy.decide(nodes(notReady("i-1", "1h", "6m"), notReady("i-2", "1h", "6m"),
                    notReady("i-3", "1h", "1m"), noNode("i-4", "1m"), ready("i-5")), DEFAULTS, NOW);
            assertThat(ids(v)).containsExactlyInAnyOrder("i-1", "i-2");
            assertThat(v.nextCheckAt()).isEqualTo(ago("1m").plus(Duration.ofMinutes(5)));
        }

        @Test
        void anOutageOfTheWholeGroupReplacesNothing() {
            List<InstanceHealth> all = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                all.add(notReady("i-" + i, "1h", "10m"));
            }
            RemediationVerdict v = RemediationPolicy.decide(nodes(all.toArray(InstanceHealth[]::new)), DEFAULTS, NOW);
            assertThat(v.reason()).isEqualTo("TooManyUnhealthy");
            assertThat(v.message()).startsWith("7 of 7 instance(s) are unhealthy, more than maxUnhealthy 40% (2 of 7)")
                    .endsWith(" and 2 more");
        }
    }

    @Nested
    class ControlPlane {
        private final InstanceHealth a = ready("i-a");
        private final InstanceHealth b = ready("i-b");
        private final InstanceHealth cDown = notReady("i-c", "1h", "10m");

        private GroupHealth controlPlaneGroup(List<InstanceHealth> own, List<InstanceHealth> cluster) {
            return new GroupHealth("control-plane", InstanceGroupRole.ControlPlane, own, true, cluster);
        }

        @Test
        void oneOfThreeMembersIsReplacedWhileTwoKeepQuorum() {
            // three groups of one, as examples/ has them: this group holds only i-c
            RemediationVerdict v = RemediationPolicy.decide(controlPlaneGroup(List.of(cDown), List.of(a, b, cDown)), settings("5m", 1), NOW);
            assertThat(ids(v)).containsExactly("i-c");
            assertThat(v.message()).isEqualTo("replacing control-plane instance i-c (node node-i-c NotReady since 2026-11-30T11:50:00Z, longer than unhealthyAfter 5m); "
                    + "2 of the cluster's 3 etcd member(s) stay healthy (quorum 2)");
        }

        @Test
        void notWhenEtcdWouldLoseQuorum() {
            InstanceHealth bDown = notReady("i-b", "1h", "10m");
            RemediationVerdict v = RemediationPolicy.decide(controlPlaneGroup(List.of(cDown), List.of(a, bDown, cDown)), settings("5m", 1), NOW);
            assertThat(v.kind()).isEqualTo(Kind.BLOCKED);
            assertThat(v.reason()).isEqualTo("EtcdQuorumAtRisk");
            assertThat(v.message()).isEqualTo("control-plane instance i-c (node node-i-c NotReady since 2026-11-30T11:50:00Z, longer than unhealthyAfter 5m) is unhealthy, "
                    + "but without it 1 of the cluster's 3 etcd member(s) would be healthy, fewer than the quorum of 2; "
                    + "no control-plane instance is replaced");
        }

        @Test
        void aMemberStillBootingIsNotHealthyForQuorum() {
            InstanceHealth bBooting = noNode("i-b", "1m");
            assertThat(RemediationPolicy.decide(controlPlaneGroup(List.of(cDown), List.of(a, bBooting, cDown)), settings("5m", 1), NOW).reason())
                    .isEqualTo("EtcdQuorumAtRisk");
        }

        @Test
        void oneAtATimeInAGroupOfFive() {
            List<InstanceHealth> five = List.of(ready("i-1"), ready("i-2"), ready("i-3"), notReady("i-4", "1h", "6m"), notReady("i-5", "1h", "9m"));
            RemediationVerdict v = RemediationPolicy.decide(controlPlaneGroup(five, List.of()), DEFAULTS, NOW);
            assertThat(ids(v)).as("the longest unhealthy first, the other after it").containsExactly("i-5");
            assertThat(v.message()).endsWith("3 of the cluster's 5 etcd member(s) stay healthy (quorum 3); 1 more after it, one at a time");
        }

        @Test
        void membersOfOtherGroupsCount() {
            // this group: 1 of 3 down; another group's two members are down too: 2 healthy of 5 < 3
            List<InstanceHealth> own = List.of(ready("i-1"), ready("i-2"), notReady("i-3", "1h", "6m"));
            List<InstanceHealth> cluster = new ArrayList<>(own);
            cluster.add(notReady("i-4", "1h", "1m"));
            cluster.add(noNode("i-5", "1m"));
            RemediationVerdict v = RemediationPolicy.decide(controlPlaneGroup(own, cluster), settings("5m", 1), NOW);
            assertThat(v.reason()).isEqualTo("EtcdQuorumAtRisk");
            assertThat(v.message()).contains("2 of the cluster's 5 etcd member(s) would be healthy, fewer than the quorum of 3");
        }

        @Test
        void aMemberOnItsWayOutIsNoLongerAMember() {
            InstanceHealth leaving = new InstanceHealth("i-old", "shutting-down", ago("1h"), "node-i-old", true, null);
            RemediationVerdict v = RemediationPolicy.decide(controlPlaneGroup(List.of(cDown), List.of(a, b, cDown, leaving)), settings("5m", 1), NOW);
            assertThat(v.message()).contains("2 of the cluster's 3 etcd member(s)");
        }

        @Test
        void theDefaultMaxUnhealthyAloneStopsAGroupOfOne() {
            assertThat(RemediationPolicy.decide(controlPlaneGroup(List.of(cDown), List.of(a, b, cDown)), DEFAULTS, NOW).reason())
                    .isEqualTo("TooManyUnhealthy");
        }
    }

    @Nested
    class Bastions {
        private GroupHealth bastions(InstanceHealth... instances) {
            return new GroupHealth("bastions", InstanceGroupRole.Bastion, List.of(instances), false, List.of());
        }

        @Test
        void aRunningBastionIsHealthyWithoutANode() {
            assertThat(RemediationPolicy.decide(bastions(noNode("i-1", "1h")), DEFAULTS, NOW).kind()).isEqualTo(Kind.HEALTHY);
        }

        @Test
        void aBastionNotRunningLongAfterItsLaunchIsReplaced() {
            InstanceHealth stopped = new InstanceHealth("i-1", "stopped", ago("20m"), null, false, null);
            RemediationVerdict v = RemediationPolicy.decide(bastions(stopped, noNode("i-2", "1h")), settings("5m", 1), NOW);
            assertThat(ids(v)).containsExactly("i-1");
            assertThat(v.replace().get(0).why()).isEqualTo("instance stopped since its launch at 2026-11-30T11:40:00Z, longer than unhealthyAfter 5m");
        }

        @Test
        void aPendingBastionWaits() {
            InstanceHealth pending = new InstanceHealth("i-1", "pending", ago("1m"), null, false, null);
            RemediationVerdict v = RemediationPolicy.decide(bastions(pending), settings("5m", 1), NOW);
            assertThat(v.kind()).isEqualTo(Kind.HEALTHY);
            assertThat(v.nextCheckAt()).isEqualTo(ago("1m").plusSeconds(300));
        }

        @Test
        void unansweredNodesDoNotMatterToABastion() {
            InstanceHealth stopped = new InstanceHealth("i-1", "stopped", ago("20m"), null, false, null);
            assertThat(RemediationPolicy.decide(bastions(stopped), settings("5m", 1), NOW).kind()).isEqualTo(Kind.REPLACE);
        }
    }

    @Test
    void messagesStayTheSameAsTimePassesSoStatusIsNotRewrittenEachReconcile() {
        GroupHealth g = nodes(notReady("i-1", "1h", "6m"), ready("i-2"), ready("i-3"));
        assertThat(RemediationPolicy.decide(g, DEFAULTS, NOW).message())
                .isEqualTo(RemediationPolicy.decide(g, DEFAULTS, NOW.plusSeconds(90)).message());
    }

    @Test
    void disabledReplacesNothing() {
        RemediationSettings off = new RemediationSettings(false, Duration.ofMinutes(5), IntOrPercent.parse(new IntOrString("100%")));
        RemediationVerdict v = RemediationPolicy.decide(nodes(notReady("i-1", "1h", "1h")), off, NOW);
        assertThat(v.kind()).isEqualTo(Kind.DISABLED);
        assertThat(v.reason()).isEqualTo("RemediationDisabled");
        assertThat(v.message()).isEqualTo("remediation is off (spec.remediation.enabled: false)");
        assertThat(v.replace()).isEmpty();
    }

    @Test
    void nodeHealthUnknownWhileTheApiDoesNotAnswer() {
        GroupHealth stale = new GroupHealth("nodes", InstanceGroupRole.Node, List.of(noNode("i-1", "1h"), ready("i-2"), ready("i-3")), false, List.of());
        RemediationVerdict v = RemediationPolicy.decide(stale, DEFAULTS, NOW);
        assertThat(v.kind()).isEqualTo(Kind.BLOCKED);
        assertThat(v.reason()).isEqualTo("NodesUnknown");
        assertThat(v.replace()).isEmpty();
    }
}
