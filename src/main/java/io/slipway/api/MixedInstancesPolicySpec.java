package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

/** kops' MixedInstancesPolicySpec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MixedInstancesPolicySpec {
    @Size(min = 1, max = 40)
    @JsonPropertyDescription("Instance types to choose from, 1-40, e.g. [m6i.large, m5.large].")
    public List<@Pattern("^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.[a-z0-9]+$") String> instances;

    @Min(0)
    @JsonPropertyDescription("On-demand instances to run before any spot instance. Default: AWS's (0).")
    public Integer onDemandBase;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Percentage (0-100) of on-demand instances above onDemandBase; the rest are spot. Default: AWS's (100).")
    public Integer onDemandAboveBase;

    @SchemaFrom(type = SpotAllocationStrategy.class)
    @JsonPropertyDescription("How spot instances are chosen: lowest-price, capacity-optimized, capacity-optimized-prioritized or price-capacity-optimized. Default: AWS's (lowest-price).")
    public String spotAllocationStrategy;

    public enum SpotAllocationStrategy {
        @com.fasterxml.jackson.annotation.JsonProperty("lowest-price") LOWEST_PRICE,
        @com.fasterxml.jackson.annotation.JsonProperty("capacity-optimized") CAPACITY_OPTIMIZED,
        @com.fasterxml.jackson.annotation.JsonProperty("capacity-optimized-prioritized") CAPACITY_OPTIMIZED_PRIORITIZED,
        @com.fasterxml.jackson.annotation.JsonProperty("price-capacity-optimized") PRICE_CAPACITY_OPTIMIZED
    }
}
