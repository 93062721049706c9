package io.slipway.controller;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderElectionTest {
    private final LeaderElection producer = new LeaderElection();

    @Test
    void offUnlessEnabled() {
        assertThat(producer.leaderElectionConfiguration(false, "lease", Optional.of("ns"), Optional.of("pod-ns"))).isNull();
    }

    @Test
    void usesTheConfiguredLeaseNamespaceOverThePodNamespace() {
        LeaderElectionConfiguration config = producer.leaderElectionConfiguration(
                true, "slipway-lock", Optional.of("ops"), Optional.of("slipway-system"));
        assertThat(config.getLeaseName()).isEqualTo("slipway-lock");
        assertThat(config.getLeaseNamespace()).contains("ops");
        assertThat(config.isExitOnStopLeading()).as("a replica that loses the lease restarts as a follower").isTrue();
    }

    @Test
    void fallsBackToThePodNamespace() {
        LeaderElectionConfiguration config = producer.leaderElectionConfiguration(
                true, LeaderElection.DEFAULT_LEASE_NAME, Optional.empty(), Optional.of("slipway-system"));
        assertThat(config.getLeaseNamespace()).contains("slipway-system");
        assertThat(config.getLeaseName()).isEqualTo("slipway-operator-leader");
    }

    @Test
    void leavesTheNamespaceToJosdkWhenNoneIsKnown() {
        LeaderElectionConfiguration config = producer.leaderElectionConfiguration(
                true, LeaderElection.DEFAULT_LEASE_NAME, Optional.empty(), Optional.of(" "));
        assertThat(config.getLeaseNamespace()).isEmpty();
    }
}
