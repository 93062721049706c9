package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BastionSpec {
    @JsonPropertyDescription("DNS name of the bastion, e.g. bastion.example.com.")
    public String bastionPublicName;

    @Min(60)
    @Max(4000)
    @JsonPropertyDescription("Idle timeout of connections through the bastion's load balancer, in seconds, 60-4000.")
    public Integer idleTimeoutSeconds;
}
