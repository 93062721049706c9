package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;

/**
 * {@code subnet} associated with {@code routeTable}. A subnet has at most one association, so the logical id is
 * {@link #logicalIdFor}(the subnet's logical id).
 */
public record RouteTableAssociationSpec(Ref routeTable, Ref subnet) implements ResourceSpec {

    /** e.g. subnet/private-us-east-1a → rtassoc/private-us-east-1a. */
    public static String logicalIdFor(String subnetLogicalId) {
        return "rtassoc/" + Ec2Names.suffix(subnetLogicalId);
    }

    @Override
    public String kind() {
        return RouteTableAssociationKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(routeTable, subnet);
    }
}
