package io.slipway.model;

/** The logical ids of the API endpoint: its load balancer, target group and listener, and its DNS record. */
public final class ApiEndpointIds {
    public static final String LOAD_BALANCER = "elb/api";
    /** Cross-zone load balancing of the API load balancer. */
    public static final String LOAD_BALANCER_CROSS_ZONE = "elb/api/cross-zone";
    public static final String TARGET_GROUP = "elb/targetgroup/api";
    public static final String LISTENER = "elb/listener/api";
    public static final String HOSTED_ZONE = "dns/hostedzone";
    public static final String DNS_RECORD = "dns/api";

    /** The Kubernetes API's port on the load balancer and on the control-plane instances. */
    public static final int API_PORT = 443;

    private ApiEndpointIds() {
    }
}
