package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class InstanceGroupStatus {
    @JsonPropertyDescription("The metadata.generation this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("Latest observations, kstatus style: Ready, Reconciling, Stalled, SpecValid, ClusterFound.")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The Cluster this group was first reconciled for; spec.clusterName may not change.")
    public String clusterName;

    @JsonPropertyDescription("Instances in the group's auto scaling group.")
    public Integer replicas;

    @JsonPropertyDescription("Instances whose Kubernetes node is Ready.")
    public Integer readyReplicas;

    @JsonPropertyDescription("Instances that run the group's current configuration.")
    public Integer updatedReplicas;

    @JsonPropertyDescription("Name of the group's EC2 auto scaling group.")
    public String autoScalingGroupName;

    @JsonPropertyDescription("The AMI id that spec.image resolved to at the last reconcile (an owner/name-filter resolves to its newest match).")
    public String resolvedImage;

    @JsonPropertyDescription("The launch template the instances start from.")
    public LaunchTemplateStatus launchTemplate;

    @JsonPropertyDescription("The group's instances as found in AWS.")
    public List<InstanceStatus> instances = new ArrayList<>();

    @JsonPropertyDescription("The changes the last reconcile found between the group's spec and AWS (its launch template and auto scaling group); with the Cluster's spec.planOnly they wait there unapplied.")
    public PlanStatus plan;

    @JsonPropertyDescription("Progress of the rolling update that replaces outdated instances.")
    public RolloutStatus rollout;

    @JsonPropertyDescription("Value of the annotation slipway.io/reconcile-requested-at that the last reconcile handled; "
            + "set the annotation to a new value to reconcile now, then wait until this field equals it.")
    public String lastHandledReconcileAt;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class LaunchTemplateStatus {
        @JsonPropertyDescription("Launch template id (lt-...).")
        public String id;

        @JsonPropertyDescription("Launch template version new instances start from.")
        public Long version;

        @JsonPropertyDescription("Hash of everything that requires replacing instances when it changes.")
        public String configHash;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class InstanceStatus {
        @JsonPropertyDescription("EC2 instance id (i-...).")
        public String id;

        @JsonPropertyDescription("Availability zone of the instance.")
        public String zone;

        @JsonPropertyDescription("EC2 instance state, e.g. pending, running or shutting-down.")
        public String state;

        @JsonPropertyDescription("When EC2 launched the instance, RFC 3339.")
        public String launchedAt;

        @JsonPropertyDescription("Name of the instance's Kubernetes node, once it registered.")
        public String nodeName;

        @JsonPropertyDescription("True when the node is Ready.")
        public boolean ready;

        @JsonPropertyDescription("While the node is not Ready: when its Ready condition last changed (RFC 3339); remediation counts unhealthyAfter from it.")
        public String notReadySince;

        @JsonPropertyDescription("True when the instance runs the group's current configuration (launchTemplate.configHash).")
        public boolean upToDate;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RolloutStatus {
        @JsonPropertyDescription("Current step of the rolling update.")
        public String phase;

        @JsonPropertyDescription("The configHash that instances are being replaced to.")
        public String targetConfigHash;

        @JsonPropertyDescription("Instances replaced so far.")
        public int replaced;

        @JsonPropertyDescription("Outdated instances still to replace.")
        public int remaining;

        @JsonPropertyDescription("Id of the instance being replaced now.")
        public String currentInstance;

        @JsonPropertyDescription("When the rolling update started, RFC 3339.")
        public String startedAt;

        @JsonPropertyDescription("What the rolling update is doing or waiting for.")
        public String message;
    }
}
