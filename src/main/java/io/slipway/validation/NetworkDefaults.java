package io.slipway.validation;

/** The address ranges a Cluster gets when it leaves them unset (the same defaults as kops). */
public final class NetworkDefaults {
    public static final String POD_CIDR = "100.96.0.0/11";
    public static final String SERVICE_CLUSTER_IP_RANGE = "100.64.0.0/13";

    private NetworkDefaults() {
    }
}
