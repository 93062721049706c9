package io.slipway.api;

import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadBalancerSpec {
    @Default("Public")
    @SchemaFrom(type = LoadBalancerType.class)
    public String type;

    @Default("true")
    public Boolean crossZoneLoadBalancing;

    public List<@Pattern("^sg-[0-9a-f]{8,17}$") String> additionalSecurityGroups = new ArrayList<>();

    public enum LoadBalancerType { Public, Internal }
}
