package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class InstanceGroupStatus {
    public Long observedGeneration;
    public List<Condition> conditions = new ArrayList<>();
    /** The Cluster this group was first reconciled for; spec.clusterName is immutable. */
    public String clusterName;
    public Integer replicas;
    public Integer readyReplicas;
    public Integer updatedReplicas;
    public String autoScalingGroupName;
    public LaunchTemplateStatus launchTemplate;
    public List<InstanceStatus> instances = new ArrayList<>();
    public RolloutStatus rollout;

    @JsonPropertyDescription("Value of the annotation slipway.io/reconcile-requested-at that the last reconcile handled; "
            + "set the annotation to a new value to reconcile now, then wait until this field equals it.")
    public String lastHandledReconcileAt;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class LaunchTemplateStatus {
        public String id;
        public Long version;
        /** Hash of everything that requires replacing instances when it changes. */
        public String configHash;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class InstanceStatus {
        public String id;
        public String zone;
        public String state;
        public String nodeName;
        public boolean ready;
        public boolean upToDate;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RolloutStatus {
        public String phase;
        public String targetConfigHash;
        public int replaced;
        public int remaining;
        public String currentInstance;
        public String startedAt;
        public String message;
    }
}
