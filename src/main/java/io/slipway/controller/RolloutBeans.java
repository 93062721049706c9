package io.slipway.controller;

import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.rollout.CandidateSource;
import io.slipway.workload.ClusterValidator;
import io.slipway.workload.NodeWatches;
import io.slipway.workload.drain.NodeDrainer;
import io.slipway.workload.etcd.EtcdMemberRemoval;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI producers of the rollout controller's collaborators; a {@link CandidateSource} bean (remediation) is optional. */
public class RolloutBeans {
    @Produces
    @Singleton
    GroupRoll groupRoll(ClusterValidator validator, EventRecorder events, MeterRegistry registry,
                        Instance<CandidateSource> extra, ReconcileSettings settings, NodeWatches watches) {
        return new GroupRoll(validator, new NodeDrainer(), new EtcdMemberRemoval(), events, new RolloutMetrics(registry),
                extra.isResolvable() ? extra.get() : CandidateSource.NONE, settings, watches);
    }
}
