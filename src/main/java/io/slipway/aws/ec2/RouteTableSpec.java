package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;

/** A route table in {@code vpc}. Its routes and subnet associations are resources of their own. */
public record RouteTableSpec(Ref vpc, Map<String, String> tags) implements ResourceSpec {
    public RouteTableSpec {
        tags = Ec2Tags.sorted(tags);
    }

    @Override
    public String kind() {
        return RouteTableKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(vpc);
    }
}
