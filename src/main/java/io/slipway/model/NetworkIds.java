package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.cloud.Owner;

/** The logical ids of a cluster's network resources: stable across reconciles, written to the resource tag. */
public final class NetworkIds {
    public static final String VPC = "vpc";
    public static final String INTERNET_GATEWAY = "internetgateway";
    public static final String PUBLIC_ROUTE_TABLE = "routetable/public";
    public static final String DEFAULT_ROUTE = "0.0.0.0/0";

    private NetworkIds() {
    }

    /** The owner of a cluster's cloud resources: {@code <namespace>/<name>}. */
    public static Owner owner(Cluster cluster) {
        return Owners.cluster(cluster);
    }

    public static String subnet(String subnetName) {
        return "subnet/" + subnetName;
    }

    public static String elasticIp(String zone) {
        return "elasticip/" + zone;
    }

    public static String natGateway(String zone) {
        return "natgateway/" + zone;
    }

    public static String privateRouteTable(String zone) {
        return "routetable/private-" + zone;
    }

    public static String securityGroup(SecurityGroupRole role) {
        return "securitygroup/" + role.id();
    }
}
