package io.slipway.controller;

import io.slipway.api.ClusterStatus;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterStatusAssemblerTest {
    private final ClusterStatus status = new ClusterStatus();
    private final Conditions conditions = new Conditions(status.conditions, 3, Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC));

    private static final PhaseResult SPEC = PhaseResult.done(ConditionType.SPEC_VALID, "Valid", "spec is valid");
    private static final PhaseResult NETWORK = PhaseResult.done(ConditionType.NETWORK_READY, "Converged", "the network matches the spec");
    private static final PhaseResult ENDPOINT = PhaseResult.done(ConditionType.API_ENDPOINT_READY, "Converged", "https://api.example.com");

    @Test
    void readyOnlyWhenEveryPhaseIsDone() {
        ClusterStatusAssembler.assemble(status, conditions, List.of(SPEC, NETWORK, ENDPOINT), false);

        assertThat(get(ConditionType.READY).status).isEqualTo(Condition.TRUE);
        assertThat(get(ConditionType.RECONCILING).status).isEqualTo(Condition.FALSE);
        assertThat(get(ConditionType.STALLED).status).isEqualTo(Condition.FALSE);
        assertThat(status.phase).isEqualTo("Ready");
    }

    @Test
    void aPhaseThatCannotStartYetKeepsReadyFalseWithoutClaimingWork() {
        PhaseResult noInstances = PhaseResult.pending(ConditionType.CONTROL_PLANE_READY, "NoControlPlaneInstances", "no control-plane instance is running");

        ClusterStatusAssembler.assemble(status, conditions, List.of(SPEC, NETWORK, ENDPOINT, noInstances), false);

        assertThat(get(ConditionType.NETWORK_READY).status).isEqualTo(Condition.TRUE);
        assertThat(get(ConditionType.API_ENDPOINT_READY).status).isEqualTo(Condition.TRUE);
        assertThat(get(ConditionType.CONTROL_PLANE_READY).status).isEqualTo(Condition.FALSE);
        Condition ready = get(ConditionType.READY);
        assertThat(ready.status).isEqualTo(Condition.FALSE);
        assertThat(ready.reason).isEqualTo("NoControlPlaneInstances");
        assertThat(ready.message).startsWith("NetworkReady, APIEndpointReady; waiting: no control-plane instance");
        assertThat(get(ConditionType.RECONCILING).status).isEqualTo(Condition.FALSE);
        assertThat(status.phase).isEqualTo("Provisioning");
    }

    @Test
    void workInFlightIsReconcilingAndNamesTheActivePhase() {
        PhaseResult iam = PhaseResult.inProgress(ConditionType.IAM_READY, "Provisioning", "applied 2 to create for IAM; verifying");

        ClusterStatusAssembler.assemble(status, conditions, List.of(SPEC, NETWORK, iam), false);

        assertThat(get(ConditionType.RECONCILING).status).isEqualTo(Condition.TRUE);
        assertThat(get(ConditionType.RECONCILING).message).isEqualTo("applied 2 to create for IAM; verifying");
        assertThat(get(ConditionType.IAM_READY).status).isEqualTo(Condition.FALSE);
        assertThat(get(ConditionType.READY).status).isEqualTo(Condition.FALSE);
    }

    @Test
    void aStalledPhaseStallsTheClusterWhateverElseIsInFlight() {
        PhaseResult iam = PhaseResult.inProgress(ConditionType.IAM_READY, "Provisioning", "applying");
        PhaseResult store = PhaseResult.stalled(ConditionType.CREDENTIALS_READY, "BootstrapStoreFailed", "bucket name taken");

        ClusterStatusAssembler.assemble(status, conditions, List.of(SPEC, NETWORK, iam, store), false);

        assertThat(get(ConditionType.STALLED).status).isEqualTo(Condition.TRUE);
        assertThat(get(ConditionType.STALLED).message).isEqualTo("bucket name taken");
        assertThat(get(ConditionType.RECONCILING).status).isEqualTo(Condition.FALSE);
        assertThat(status.phase).isEqualTo("Failed");
    }

    @Test
    void anInvalidSpecIsPhaseInvalid() {
        ClusterStatusAssembler.assemble(status, conditions,
                List.of(PhaseResult.stalled(ConditionType.SPEC_VALID, "InvalidSpec", "invalid spec, spec.region: required")), false);

        assertThat(status.phase).isEqualTo("Invalid");
        assertThat(get(ConditionType.SPEC_VALID).status).isEqualTo(Condition.FALSE);
        assertThat(get(ConditionType.READY).message).isEqualTo("invalid spec, spec.region: required");
    }

    @Test
    void planOnlyIsPlannedAndNotReconciling() {
        PhaseResult plan = PhaseResult.planOnly(ConditionType.NETWORK_READY, "plan-only: 30 to create for the network");

        ClusterStatusAssembler.assemble(status, conditions, List.of(SPEC, plan), true);

        assertThat(status.phase).isEqualTo("Planned");
        assertThat(get(ConditionType.RECONCILING).status).isEqualTo(Condition.FALSE);
        assertThat(get(ConditionType.READY).reason).isEqualTo("PlanOnly");
    }

    @Test
    void aConditionKeepsItsTransitionTimeWhileItsStatusStays() {
        ClusterStatusAssembler.assemble(status, conditions, List.of(SPEC, NETWORK), false);
        String first = get(ConditionType.NETWORK_READY).lastTransitionTime;
        Conditions later = new Conditions(status.conditions, 4, Clock.fixed(Instant.parse("2026-11-30T13:00:00Z"), ZoneOffset.UTC));

        ClusterStatusAssembler.assemble(status, later, List.of(SPEC, NETWORK), false);

        assertThat(get(ConditionType.NETWORK_READY).lastTransitionTime).isEqualTo(first);
        assertThat(get(ConditionType.NETWORK_READY).observedGeneration).isEqualTo(4);
    }

    private Condition get(String type) {
        return Conditions.get(status.conditions, type).orElseThrow();
    }
}
