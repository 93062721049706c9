package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import io.slipway.api.ClusterSubnet;
import io.slipway.api.InstanceGroupSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An InstanceGroup without subnets takes the Cluster's subnets of its role's type; a Cluster subnet without a type
 * (kept out at admission, but found by hack/kops-import) is none of them, and the check reports instead of throwing.
 */
class DefaultSubnetsOfAnUntypedSubnetTest {

    @Test
    void anUntypedSubnetIsNoDefaultAndNoCrash() {
        ClusterSpec cluster = new ClusterSpec();
        ClusterSubnet untyped = new ClusterSubnet();
        untyped.name = "a";
        untyped.zone = "eu-west-1a";
        untyped.cidr = "10.0.0.0/24";
        cluster.subnets = List.of(untyped);
        InstanceGroupSpec ig = new InstanceGroupSpec();
        ig.clusterName = "demo";
        ig.role = "Node";
        ig.machineType = "m6i.large";
        ig.image = "ami-0123456789abcdef0";
        ig.minSize = 1;
        ig.maxSize = 1;

        assertThat(InstanceGroupSpecValidator.validate(ig, cluster)).extracting(FieldError::path).containsExactly("spec.subnets");
    }
}
