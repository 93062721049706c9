package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadBalancerSpec {
    @Default(SpecDefaults.API_LOAD_BALANCER_TYPE)
    @SchemaFrom(type = LoadBalancerType.class)
    @JsonPropertyDescription("Public: internet-facing, in Utility or Public subnets; Internal: reachable from inside the VPC only. Default: "
            + SpecDefaults.API_LOAD_BALANCER_TYPE + ".")
    public String type;

    @Default("" + SpecDefaults.CROSS_ZONE_LOAD_BALANCING)
    @JsonPropertyDescription("Spread connections over the API servers of all zones. Default: " + SpecDefaults.CROSS_ZONE_LOAD_BALANCING + ".")
    public Boolean crossZoneLoadBalancing;

    @JsonPropertyDescription("Ids of existing security groups (sg-...) attached to the load balancer besides Slipway's own.")
    public List<@Pattern("^sg-[0-9a-f]{8,17}$") String> additionalSecurityGroups = new ArrayList<>();

    public enum LoadBalancerType { Public, Internal }
}
