package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether instances get public addresses (public) or sit behind NAT (private). */
public enum Exposure {
    @JsonProperty("public") PUBLIC,
    @JsonProperty("private") PRIVATE
}
