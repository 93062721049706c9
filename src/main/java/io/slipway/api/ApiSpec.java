package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How clients reach the Kubernetes API, kops' APISpec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiSpec {
    // defaults to {} (ClusterSpecSchemaDefaults), so that a real API server fills in the fields inside
    @JsonPropertyDescription("The load balancer in front of the API servers. Default: " + SpecDefaults.API_LOAD_BALANCER_TYPE
            + ", cross-zone.")
    public LoadBalancerSpec loadBalancer;

    @JsonPropertyDescription("DNS name of the API. Default: api.<cluster name>.<dnsZone> when dnsZone is set.")
    public String publicName;
}
