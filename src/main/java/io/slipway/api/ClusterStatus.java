package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** Observed state of a cluster: everything the operator learns goes here, never into spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterStatus {
    public Long observedGeneration;
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("One word for humans: Pending, Invalid, Planning, Provisioning, Ready, Paused, Deleting, Failed.")
    public String phase;

    @JsonPropertyDescription("Immutable spec fields as first applied; changing them later is refused.")
    public AppliedIdentity applied;

    public NetworkStatus network;
    public ApiEndpointStatus apiEndpoint;
    public PlanStatus plan;

    @JsonPropertyDescription("The last plan that changed AWS, kept when status.plan shows the converged \"0 to create\" plan.")
    public AppliedPlanStatus lastAppliedPlan;
    public ClusterValidationStatus validation;

    @JsonPropertyDescription("Value of the annotation slipway.io/reconcile-requested-at that the last reconcile handled; "
            + "set the annotation to a new value to reconcile now, then wait until this field equals it.")
    public String lastHandledReconcileAt;
}
