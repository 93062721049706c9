package io.slipway.testing;

import io.slipway.api.Cluster;
import io.slipway.api.Condition;
import io.slipway.api.ConditionType;
import io.slipway.controller.Conditions;

import java.util.List;

/** How far a Cluster has come, read from its conditions as a user would. */
public final class ClusterProgress {
    /** The conditions of the parts the operator builds before any instance runs. */
    public static final List<String> INFRASTRUCTURE = List.of(ConditionType.NETWORK_READY, ConditionType.IAM_READY,
            ConditionType.CREDENTIALS_READY, ConditionType.API_ENDPOINT_READY);

    private ClusterProgress() {
    }

    /**
     * Every infrastructure part is ready and observed at the current generation, nothing is stalled, and Ready is
     * honestly false: no control-plane instance runs yet.
     */
    public static boolean infrastructureReady(Cluster cluster) {
        if (cluster == null || cluster.getStatus() == null) {
            return false;
        }
        List<Condition> conditions = cluster.getStatus().conditions;
        Long generation = cluster.getMetadata().getGeneration();
        return INFRASTRUCTURE.stream().allMatch(type -> Conditions.isTrue(conditions, type))
                && !Conditions.isTrue(conditions, ConditionType.STALLED)
                && !Conditions.isTrue(conditions, ConditionType.READY)
                && generation != null && generation.equals(cluster.getStatus().observedGeneration);
    }
}
