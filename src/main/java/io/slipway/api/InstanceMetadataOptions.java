package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class InstanceMetadataOptions {
    @Default(SpecDefaults.HTTP_TOKENS)
    @SchemaFrom(type = HttpTokens.class)
    @JsonPropertyDescription("required: IMDSv2 session tokens only; optional: IMDSv1 allowed too. Default: " + SpecDefaults.HTTP_TOKENS + ".")
    public String httpTokens;

    @Min(1)
    @Max(64)
    @JsonPropertyDescription("How many network hops a metadata response may travel, 1-64; 2 lets pods without host networking use IMDSv2. Default: AWS's (1).")
    public Integer httpPutResponseHopLimit;

    public enum HttpTokens {
        @com.fasterxml.jackson.annotation.JsonProperty("required") REQUIRED,
        @com.fasterxml.jackson.annotation.JsonProperty("optional") OPTIONAL
    }
}
