package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One addon of the workload cluster as last applied. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AddonStatus {
    @JsonPropertyDescription("Name of the addon, e.g. cilium, aws-cloud-controller-manager, aws-ebs-csi-driver.")
    public String name;

    @JsonPropertyDescription("The Helm chart it is rendered from: repository URL and chart name, e.g. "
            + "https://helm.cilium.io/cilium.")
    public String chart;

    @JsonPropertyDescription("The chart version pinned in Slipway's addon channel.")
    public String version;

    @JsonPropertyDescription("True when every object of this version was applied to the workload cluster by the last "
            + "reconcile (and what an older version had and this one dropped was removed).")
    public boolean applied;

    @JsonPropertyDescription("What was applied, or why the addon could not be applied.")
    public String message;
}
