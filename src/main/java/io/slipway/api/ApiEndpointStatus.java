package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiEndpointStatus {
    /** What clients use: the DNS name, or the load balancer's name when DNS-less. */
    public String host;
    public Integer port;
    public String loadBalancerDNSName;
    public String loadBalancerARN;
}
