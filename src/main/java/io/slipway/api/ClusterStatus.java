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
    public ClusterValidationStatus validation;
}
