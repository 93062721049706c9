package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Options of one CNI provider; the version pins the CNI release, empty means the release tested with the Kubernetes version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CniOptions {
    @JsonPropertyDescription("Release of the CNI to install. Default: the release tested with the cluster's Kubernetes version.")
    public String version;
}
