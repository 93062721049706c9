package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;

/**
 * A route in {@code routeTable} to {@code target}: an internet gateway, a NAT gateway or an instance (the
 * target's id says which). Its logical id is {@link #logicalIdFor}(table's logical id, destination).
 */
public record RouteSpec(Ref routeTable, String destinationCidr, Ref target) implements ResourceSpec {

    /** e.g. routetable/private-us-east-1a, 0.0.0.0/0 → route/private-us-east-1a/0.0.0.0/0. */
    public static String logicalIdFor(String routeTableLogicalId, String destinationCidr) {
        return "route/" + Ec2Names.suffix(routeTableLogicalId) + "/" + destinationCidr;
    }

    @Override
    public String kind() {
        return RouteKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(routeTable, target);
    }
}
