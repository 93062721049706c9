package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroupSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.slipway.validation.Fixtures.expect;
import static io.slipway.validation.Fixtures.expectOnly;
import static org.assertj.core.api.Assertions.assertThat;

class ImmutableFieldsTest {

    @Test
    void sameSpecOrFirstApplyHasNoErrors() {
        assertThat(ImmutableFields.check(Fixtures.cluster(), Fixtures.cluster())).isEmpty();
        assertThat(ImmutableFields.check((ClusterSpec) null, Fixtures.cluster())).isEmpty();
        assertThat(ImmutableFields.check(Fixtures.nodes(), Fixtures.nodes())).isEmpty();
    }

    @Test
    void mutableFieldsMayChange() {
        ClusterSpec changed = Fixtures.cluster();
        changed.kubernetesVersion = "1.32.0";
        changed.cloudLabels.put("new", "tag");
        changed.subnets.remove(5);
        changed.podCIDR = "100.128.0.0/11";
        assertThat(ImmutableFields.check(Fixtures.cluster(), changed)).isEmpty();
    }

    @Test
    void regionChange() {
        ClusterSpec changed = Fixtures.cluster();
        changed.region = "eu-west-2";
        expectOnly(ImmutableFields.check(Fixtures.cluster(), changed), "spec.region", "region is immutable (was eu-west-1, now eu-west-2)");
    }

    @Test
    void networkCidrChangeButItMayBeAddedLater() {
        ClusterSpec changed = Fixtures.cluster();
        changed.networkCIDR = "10.30.0.0/16";
        expectOnly(ImmutableFields.check(Fixtures.cluster(), changed), "spec.networkCIDR", "networkCIDR is immutable");
        ClusterSpec before = Fixtures.cluster();
        before.networkCIDR = null;
        before.networkID = "vpc-0123456789abcdef0";
        ClusterSpec after = Fixtures.cluster();
        after.networkID = "vpc-0123456789abcdef0";
        assertThat(ImmutableFields.check(before, after)).isEmpty();
    }

    @Test
    void networkIdCannotBeAddedRemovedOrChanged() {
        ClusterSpec withId = Fixtures.cluster();
        withId.networkID = "vpc-0123456789abcdef0";
        expectOnly(ImmutableFields.check(Fixtures.cluster(), withId), "spec.networkID", "networkID is immutable (was unset, now vpc-0123456789abcdef0)");
        expectOnly(ImmutableFields.check(withId, Fixtures.cluster()), "spec.networkID", "networkID is immutable");
    }

    @Test
    void subnetIdCidrAndZoneAreMatchedByName() {
        ClusterSpec before = Fixtures.cluster();
        before.subnets.get(0).id = "subnet-0123456789abcdef0";
        ClusterSpec after = Fixtures.cluster();
        after.subnets.add(0, after.subnets.remove(2)); // order changes nothing
        after.subnets.get(1).id = "subnet-0fedcba9876543210"; // private-a is now at index 1
        after.subnets.get(2).cidr = "10.20.40.0/21"; // private-b
        after.subnets.get(0).zone = "eu-west-1a"; // private-c
        List<FieldError> errors = ImmutableFields.check(before, after);
        assertThat(errors).hasSize(3);
        expect(errors, "spec.subnets[1].id", "subnet id is immutable: a subnet keeps the id it was created with (was subnet-0123456789abcdef0, now subnet-0fedcba9876543210)");
        expect(errors, "spec.subnets[2].cidr", "subnet cidr is immutable");
        expect(errors, "spec.subnets[0].zone", "subnet zone is immutable");
    }

    @Test
    void clusterNameOfAnInstanceGroup() {
        InstanceGroupSpec changed = Fixtures.nodes();
        changed.clusterName = "staging";
        expectOnly(ImmutableFields.check(Fixtures.nodes(), changed), "spec.clusterName", "clusterName is immutable (was prod, now staging)");
    }
}
