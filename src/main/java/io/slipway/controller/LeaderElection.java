package io.slipway.controller;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Lease-based leader election, so that only one of several operator replicas reconciles.
 * QOSDK looks the {@link LeaderElectionConfiguration} bean up at start in the profiles listed in
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (default: prod); no bean (null) means no
 * election. Configured at run time:
 * <ul>
 *   <li>{@code SLIPWAY_LEADER_ELECTION_ENABLED} ({@code slipway.leader-election.enabled}, default false);</li>
 *   <li>{@code SLIPWAY_LEADER_ELECTION_LEASE_NAME} (default {@value #DEFAULT_LEASE_NAME});</li>
 *   <li>{@code SLIPWAY_LEADER_ELECTION_LEASE_NAMESPACE}, else {@code POD_NAMESPACE} (downward API), else JOSDK
 *       infers the namespace of the client (in a pod: its service account's namespace).</li>
 * </ul>
 * The identity is JOSDK's default, the {@code HOSTNAME} (the pod name). A replica that loses the lease exits, and
 * Kubernetes restarts it as a follower.
 */
public class LeaderElection {
    public static final String DEFAULT_LEASE_NAME = "slipway-operator-leader";

    @Produces
    @Dependent
    @Unremovable // looked up programmatically by QOSDK, never injected
    LeaderElectionConfiguration leaderElectionConfiguration(
            @ConfigProperty(name = "slipway.leader-election.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "slipway.leader-election.lease-name", defaultValue = DEFAULT_LEASE_NAME) String leaseName,
            @ConfigProperty(name = "slipway.leader-election.lease-namespace") Optional<String> leaseNamespace,
            @ConfigProperty(name = "POD_NAMESPACE") Optional<String> podNamespace) {
        return configuration(enabled, leaseName, leaseNamespace.or(() -> podNamespace));
    }

    /** The configuration for these settings, or null when leader election is off. */
    public static LeaderElectionConfiguration configuration(boolean enabled, String leaseName, Optional<String> leaseNamespace) {
        if (!enabled) {
            return null;
        }
        // The full constructor, not JOSDK 5.3.2's builder: its build() turns exitOnStopLeading off, and a replica
        // that lost the lease would then keep running its controllers next to the new leader.
        return new LeaderElectionConfiguration(leaseName,
                leaseNamespace.filter(ns -> !ns.isBlank()).orElse(null),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                null, // identity: JOSDK uses HOSTNAME, the pod name
                null,
                true);
    }
}
