package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiEndpointStatus {
    @JsonPropertyDescription("The URL clients and the admin kubeconfig use: https://<host>:<port>.")
    public String url;

    @JsonPropertyDescription("What clients use to reach the API: the DNS name, or the load balancer's name when DNS-less.")
    public String host;

    @JsonPropertyDescription("TCP port of the API on host (443).")
    public Integer port;

    @JsonPropertyDescription("DNS name AWS gave the API load balancer.")
    public String loadBalancerDNSName;

    @JsonPropertyDescription("ARN of the API load balancer.")
    public String loadBalancerARN;
}
