package io.slipway.validation;

import io.slipway.api.SpecDefaults;

/** The address ranges a Cluster gets when it leaves them unset (the same defaults as kops; the CRD schema's too). */
public final class NetworkDefaults {
    public static final String POD_CIDR = SpecDefaults.POD_CIDR;
    public static final String SERVICE_CLUSTER_IP_RANGE = SpecDefaults.SERVICE_CLUSTER_IP_RANGE;

    private NetworkDefaults() {
    }
}
