package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;

/** An Elastic IP address (VPC domain). */
public record ElasticIpSpec(Map<String, String> tags) implements ResourceSpec {
    public ElasticIpSpec {
        tags = Ec2Tags.sorted(tags);
    }

    @Override
    public String kind() {
        return ElasticIpKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of();
    }
}
