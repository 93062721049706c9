package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BastionSpec {
    public String bastionPublicName;

    @Min(60)
    @Max(4000)
    public Integer idleTimeoutSeconds;
}
