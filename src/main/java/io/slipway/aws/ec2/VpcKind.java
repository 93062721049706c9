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
import software.amazon.awssdk.services.ec2.model.Vpc;

import java.util.List;
import java.util.Map;

/** VPC: CreateVpc with tags; its DNS attributes are resources of their own ({@link VpcDnsAttributeKind}). */
public final class VpcKind implements ResourceKind<VpcSpec, VpcKind.State> {
    public static final String NAME = "Vpc";

    public record State(String id, String cidr, Map<String, String> tags) {
    }

    private final Ec2Client ec2;

    public VpcKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<VpcSpec> specType() {
        return VpcSpec.class;
    }

    @Override
    public List<LiveResource<State>> find(FindContext<VpcSpec> context) {
        List<LiveResource<State>> found = Ec2Tags.owned(NAME, context.owner(),
                describe(Ec2Tags.ownerFilter(context.owner())), Vpc::vpcId, Vpc::tags, VpcKind::state);
        List<String> sharedIds = context.desired().stream().filter(d -> d.lifecycle() == Lifecycle.SHARED)
                .map(d -> d.spec().existingId()).toList();
        if (!sharedIds.isEmpty()) {
            for (Vpc vpc : describe(Ec2Tags.filter("vpc-id", sharedIds))) {
                for (DesiredResource<VpcSpec> desired : context.desired()) {
                    if (vpc.vpcId().equals(desired.spec().existingId())) {
                        found.add(new LiveResource<>(NAME, desired.logicalId(), vpc.vpcId(),
                                state(vpc), false));
                    }
                }
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(VpcSpec desired, State live, Refs refs) {
        return new Diff(refs)
                .immutableField("cidr", desired.cidr(), live.cidr())
                .tags(desired.tags(), live.tags())
                .changes();
    }

    @Override
    public State create(Owner owner, String logicalId, VpcSpec desired, Refs refs) {
        Vpc vpc = IdempotentCreate.run(
                () -> ec2.createVpc(r -> r.cidrBlock(desired.cidr())
                        .tagSpecifications(Ec2Tags.specification(ResourceType.VPC, desired.tags(), owner, logicalId))
                        .overrideConfiguration(IdempotentCreate.NO_SDK_RETRY)).vpc(),
                () -> describe(Ec2Tags.ownerFilter(owner), Ec2Tags.resourceFilter(logicalId)).stream().findFirst());
        return new State(vpc.vpcId(), vpc.cidrBlock(), Ec2Tags.withOwnership(desired.tags(), owner, logicalId));
    }

    @Override
    public State update(String logicalId, VpcSpec desired, State live, List<FieldChange> changes, Refs refs) {
        Map<String, String> tags = Ec2Tags.putBack(ec2, live.id(), changes, live.tags());
        return new State(live.id(), live.cidr(), tags);
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> ec2.deleteVpc(r -> r.vpcId(live.id())), "InvalidVpcID.NotFound");
    }

    @Override
    public String cloudId(State live) {
        return live.id();
    }

    @Override
    public Map<String, String> outputs(State live) {
        return Map.of("cidr", live.cidr());
    }

    private static State state(Vpc vpc) {
        return new State(vpc.vpcId(), vpc.cidrBlock(), Ec2Tags.toMap(vpc.tags()));
    }

    private List<Vpc> describe(Filter... filters) {
        return ec2.describeVpcsPaginator(r -> r.filters(filters)).vpcs().stream().toList();
    }
}
