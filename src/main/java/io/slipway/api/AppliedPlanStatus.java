package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last plan whose changes the operator applied to AWS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppliedPlanStatus {
    @JsonPropertyDescription("Summary of the applied plan, e.g. \"33 to create, 0 to update, 0 to delete\".")
    public String summary;
    @JsonPropertyDescription("Resources the applied plan created.")
    public int toCreate;
    @JsonPropertyDescription("Resources the applied plan updated in place.")
    public int toUpdate;
    @JsonPropertyDescription("Resources the applied plan deleted.")
    public int toDelete;
    @JsonPropertyDescription("Changes that completed when the plan was applied (the rest were waited on or failed).")
    public int changesApplied;
    @JsonPropertyDescription("RFC 3339 time at which the plan was applied.")
    public String appliedAt;
    @JsonPropertyDescription("metadata.generation of the Cluster whose spec the applied plan implemented.")
    public Long observedGeneration;
}
