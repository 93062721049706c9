package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class InstanceMetadataOptions {
    @Default("required")
    @SchemaFrom(type = HttpTokens.class)
    public String httpTokens;

    @Min(1)
    @Max(64)
    public Integer httpPutResponseHopLimit;

    public enum HttpTokens {
        @com.fasterxml.jackson.annotation.JsonProperty("required") REQUIRED,
        @com.fasterxml.jackson.annotation.JsonProperty("optional") OPTIONAL
    }
}
