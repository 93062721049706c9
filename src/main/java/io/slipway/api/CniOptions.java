package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Options of one CNI provider; the version pins the CNI release, empty means the release tested with the Kubernetes version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CniOptions {
    public String version;
}
