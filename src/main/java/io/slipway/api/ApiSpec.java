package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How clients reach the Kubernetes API, kops' APISpec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiSpec {
    public LoadBalancerSpec loadBalancer;

    @JsonPropertyDescription("DNS name of the API. Default api.<cluster>.<dnsZone> when dnsZone is set.")
    public String publicName;
}
