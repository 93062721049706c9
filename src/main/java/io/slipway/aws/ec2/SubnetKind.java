package io.slipway.aws.ec2;

import io.slipway.aws.AwsCalls;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.Lifecycle;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Subnet: one CreateSubnet with tags. VPC, zone and CIDR are immutable. */
public final class SubnetKind implements ResourceKind<SubnetSpec, SubnetKind.State> {
    public static final String NAME = "Subnet";

    public record State(String id, String vpcId, String cidr, String zone, Map<String, String> tags) {
    }

    private final Ec2Client ec2;

    public SubnetKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<SubnetSpec> specType() {
        return SubnetSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(VpcKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<SubnetSpec> context) {
        List<LiveResource<State>> found = Ec2Tags.owned(NAME, context.owner(),
                describe(Ec2Tags.ownerFilter(context.owner())), Subnet::subnetId, Subnet::tags, SubnetKind::state);
        List<String> sharedIds = context.desired().stream().filter(d -> d.lifecycle() == Lifecycle.SHARED)
                .map(d -> d.spec().existingId()).toList();
        if (!sharedIds.isEmpty()) {
            for (Subnet subnet : describe(Ec2Tags.filter("subnet-id", sharedIds))) {
                for (DesiredResource<SubnetSpec> desired : context.desired()) {
                    if (subnet.subnetId().equals(desired.spec().existingId())) {
                        found.add(new LiveResource<>(NAME, desired.logicalId(), subnet.subnetId(), state(subnet), false));
                    }
                }
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(SubnetSpec desired, State live, Refs refs) {
        return new Diff(refs)
                .immutableRef("vpc", desired.vpc(), live.vpcId())
                .immutableField("cidr", desired.cidr(), live.cidr())
                .immutableField("zone", desired.zone(), live.zone())
                .tags(desired.tags(), live.tags())
                .changes();
    }

    @Override
    public State create(Owner owner, String logicalId, SubnetSpec desired, Refs refs) {
        String vpcId = refs.require(desired.vpc());
        Subnet subnet = IdempotentCreate.run(
                () -> ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(desired.cidr()).availabilityZone(desired.zone())
                        .tagSpecifications(Ec2Tags.specification(ResourceType.SUBNET, desired.tags(), owner, logicalId))
                        .overrideConfiguration(IdempotentCreate.NO_SDK_RETRY)).subnet(),
                () -> describe(Ec2Tags.ownerFilter(owner), Ec2Tags.resourceFilter(logicalId)).stream().findFirst());
        return new State(subnet.subnetId(), vpcId, subnet.cidrBlock(), subnet.availabilityZone(),
                Ec2Tags.withOwnership(desired.tags(), owner, logicalId));
    }

    @Override
    public State update(String logicalId, SubnetSpec desired, State live, List<FieldChange> changes, Refs refs) {
        return new State(live.id(), live.vpcId(), live.cidr(), live.zone(),
                Ec2Tags.putBack(ec2, live.id(), changes, live.tags()));
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> ec2.deleteSubnet(r -> r.subnetId(live.id())), "InvalidSubnetID.NotFound");
    }

    @Override
    public String cloudId(State live) {
        return live.id();
    }

    @Override
    public Set<String> references(State live) {
        return Set.of(live.vpcId());
    }

    @Override
    public Map<String, String> outputs(State live) {
        return Map.of("zone", live.zone(), "cidr", live.cidr());
    }

    private static State state(Subnet subnet) {
        return new State(subnet.subnetId(), subnet.vpcId(), subnet.cidrBlock(), subnet.availabilityZone(),
                Ec2Tags.toMap(subnet.tags()));
    }

    private List<Subnet> describe(Filter... filters) {
        return ec2.describeSubnetsPaginator(r -> r.filters(filters)).subnets().stream().toList();
    }
}
