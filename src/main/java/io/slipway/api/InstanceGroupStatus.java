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

    @JsonPropertyDescription("The Cluster's metadata.generation that the group's launch template and up-to-date counts were last made for; a lower one (after a Cluster change) means they may be stale.")
    public Long observedClusterGeneration;

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

        @JsonPropertyDescription("True when remediation has the instance replaced: its node has been NotReady, or missing, for longer than "
                + "spec.remediation.unhealthyAfter, and maxUnhealthy and etcd quorum allow it (see the RemediationAllowed condition).")
        public boolean unhealthy;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RolloutStatus {
        @JsonPropertyDescription("Where the rolling update stands: Idle (nothing to replace), Waiting (for another group of the "
                + "cluster to finish first), RollingOut, Paused (spec.rollingUpdate.paused), Stalled (a drain or the validation "
                + "gate timed out; see message) or Completed.")
        public String phase;

        @JsonPropertyDescription("The configHash that instances are being replaced to.")
        public String targetConfigHash;

        @JsonPropertyDescription("Instances replaced since the rolling update started.")
        public int replaced;

        @JsonPropertyDescription("Instances that still need replacing, those in flight included.")
        public int remaining;

        @JsonPropertyDescription("The instances being replaced now, each with its step; written before each AWS action so that "
                + "a restarted operator resumes them.")
        public List<RolloutInstance> inFlight = new ArrayList<>();

        @JsonPropertyDescription("When the rolling update started, RFC 3339.")
        public String startedAt;

        @JsonPropertyDescription("Cluster validations passed in a row at the validation gate (two are needed before the next "
                + "instances are touched).")
        public int validationPasses;

        @JsonPropertyDescription("Since when the validation gate has been waiting, RFC 3339; after validationTimeout the roll "
                + "is Stalled.")
        public String validatingSince;

        @JsonPropertyDescription("When the validation gate's last pass was, RFC 3339: the next pass counts only once the "
                + "validation interval has passed since.")
        public String validationPassedAt;

        @JsonPropertyDescription("The value of the InstanceGroup annotation slipway.io/restartedAt this roll honours: "
                + "instances launched before it are replaced.")
        public String restartedAt;

        @JsonPropertyDescription("What the rolling update is doing or waiting for; when Stalled, what blocks it.")
        public String message;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RolloutInstance {
        @JsonPropertyDescription("EC2 instance id (i-...).")
        public String id;

        @JsonPropertyDescription("Name of the instance's Kubernetes node, when it has one.")
        public String nodeName;

        @JsonPropertyDescription("Why it is replaced: OutdatedConfig, NodeNeedsUpdate, Restarted or Unhealthy.")
        public String reason;

        @JsonPropertyDescription("Its step: Detach, WaitForReplacements, Validate, Drain, RemoveFromControlPlane, Terminate or "
                + "WaitForTermination.")
        public String step;

        @JsonPropertyDescription("When it entered its step, RFC 3339.")
        public String since;

        @JsonPropertyDescription("When its drain began, RFC 3339; the drain may take drainTimeout.")
        public String drainStartedAt;

        @JsonPropertyDescription("True once it is detached from its auto scaling group (surge): it is then terminated on its own.")
        public boolean detached;
    }
}
