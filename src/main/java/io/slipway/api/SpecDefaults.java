package io.slipway.api;

/**
 * The static defaults of Cluster and InstanceGroup specs, in one place. The CRD schema carries them ({@code @Default}
 * and the descriptions are built from these constants), so a real API server fills them in and {@code kubectl get -o
 * yaml} shows them; the operator falls back to the same values when a field is absent (objects stored before the
 * schema had defaults, or an API server that does not default).
 */
public final class SpecDefaults {
    public static final String POD_CIDR = "100.96.0.0/11";
    public static final String SERVICE_CLUSTER_IP_RANGE = "100.64.0.0/13";
    public static final String NAT_GATEWAYS = "PerZone";
    /** topology.controlPlane and topology.nodes. */
    public static final String EXPOSURE = "public";
    public static final String KUBERNETES_API_ACCESS = "0.0.0.0/0";
    public static final String API_LOAD_BALANCER_TYPE = "Public";
    public static final boolean CROSS_ZONE_LOAD_BALANCING = true;

    public static final int MAX_SURGE = 1;
    public static final int MAX_UNAVAILABLE = 0;
    public static final String DRAIN_TIMEOUT = "15m";
    public static final String VALIDATION_TIMEOUT = "15m";

    public static final boolean REMEDIATION_ENABLED = true;
    public static final String UNHEALTHY_AFTER = "5m";
    public static final String MAX_UNHEALTHY = "40%";

    public static final String ROOT_VOLUME_TYPE = "gp3";
    public static final boolean ROOT_VOLUME_ENCRYPTED = true;
    public static final String HTTP_TOKENS = "required";

    private SpecDefaults() {
    }
}
