package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** Observed state of a cluster: everything the operator learns goes here, never into spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterStatus {
    @JsonPropertyDescription("The metadata.generation this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("Latest observations, kstatus style: Ready, Reconciling, Stalled, SpecValid, NetworkReady.")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("One word for humans: Invalid, Paused, Planning, Planned, Provisioning, Ready, Failed or Deleting.")
    public String phase;

    @JsonPropertyDescription("The immutable spec fields as first applied; a spec that changes them is refused.")
    public AppliedIdentity applied;

    @JsonPropertyDescription("Ids of the network resources as found in AWS.")
    public NetworkStatus network;

    @JsonPropertyDescription("Where the bootstrap objects of the cluster's instances are stored (S3 bucket, prefix, keys).")
    public BootstrapStoreStatus bootstrapStore;
    @JsonPropertyDescription("Names and ARNs of the IAM roles and instance profiles of the cluster's instances.")
    public IamStatus iam;

    @JsonPropertyDescription("Where clients reach the Kubernetes API.")
    public ApiEndpointStatus apiEndpoint;

    @JsonPropertyDescription("The Secrets holding the cluster's CAs, keys, bootstrap token and admin kubeconfig, and "
            + "when their certificates expire.")
    public CredentialsStatus credentials;

    @JsonPropertyDescription("The changes between the spec and AWS as last computed, and whether they were applied.")
    public PlanStatus plan;

    @JsonPropertyDescription("The last plan that changed AWS, kept when status.plan shows the converged \"0 to create\" plan.")
    public AppliedPlanStatus lastAppliedPlan;

    @JsonPropertyDescription("Result of the last validation of the running cluster, as kops validate cluster.")
    public ClusterValidationStatus validation;

    @JsonPropertyDescription("The addons applied to the workload cluster (CNI, AWS cloud-controller-manager, EBS CSI "
            + "driver): each with its Helm chart, the pinned version and whether the last apply succeeded.")
    public List<AddonStatus> addons;

    @JsonPropertyDescription("Value of the annotation slipway.io/reconcile-requested-at that the last reconcile handled; "
            + "set the annotation to a new value to reconcile now, then wait until this field equals it.")
    public String lastHandledReconcileAt;
}
