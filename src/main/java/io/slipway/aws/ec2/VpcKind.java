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
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** VPC: CreateVpc with tags, then ModifyVpcAttribute for DNS hostnames (EC2 takes one attribute per call). */
public final class VpcKind implements ResourceKind<VpcSpec, VpcKind.State> {
    public static final String NAME = "Vpc";

    /** DNS settings are null when not read (shared VPCs: not ours to check). */
    public record State(String id, String cidr, Boolean dnsSupport, Boolean dnsHostnames, Map<String, String> tags) {
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
                describe(Ec2Tags.ownerFilter(context.owner())), Vpc::vpcId, Vpc::tags, this::withDns);
        List<String> sharedIds = context.desired().stream().filter(d -> d.lifecycle() == Lifecycle.SHARED)
                .map(d -> d.spec().existingId()).toList();
        if (!sharedIds.isEmpty()) {
            for (Vpc vpc : describe(Ec2Tags.filter("vpc-id", sharedIds))) {
                for (DesiredResource<VpcSpec> desired : context.desired()) {
                    if (vpc.vpcId().equals(desired.spec().existingId())) {
                        found.add(new LiveResource<>(NAME, desired.logicalId(), vpc.vpcId(),
                                new State(vpc.vpcId(), vpc.cidrBlock(), null, null, Ec2Tags.toMap(vpc.tags())), false));
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
                .field("enableDnsSupport", desired.enableDnsSupport(), live.dnsSupport())
                .field("enableDnsHostnames", desired.enableDnsHostnames(), live.dnsHostnames())
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
        // a new VPC has DNS support on and DNS hostnames off
        State created = new State(vpc.vpcId(), vpc.cidrBlock(), true, false,
                Ec2Tags.withOwnership(desired.tags(), owner, logicalId));
        return setDns(desired, created);
    }

    @Override
    public State update(String logicalId, VpcSpec desired, State live, List<FieldChange> changes, Refs refs) {
        Map<String, String> tags = Ec2Tags.putBack(ec2, live.id(), changes, live.tags());
        return setDns(desired, new State(live.id(), live.cidr(), live.dnsSupport(), live.dnsHostnames(), tags));
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

    private State setDns(VpcSpec desired, State live) {
        boolean support = Optional.ofNullable(live.dnsSupport()).orElse(true);
        boolean hostnames = Optional.ofNullable(live.dnsHostnames()).orElse(false);
        if (desired.enableDnsSupport() != null && desired.enableDnsSupport() != support) {
            ec2.modifyVpcAttribute(r -> r.vpcId(live.id()).enableDnsSupport(bool(desired.enableDnsSupport())));
            support = desired.enableDnsSupport();
        }
        if (desired.enableDnsHostnames() != null && desired.enableDnsHostnames() != hostnames) {
            ec2.modifyVpcAttribute(r -> r.vpcId(live.id()).enableDnsHostnames(bool(desired.enableDnsHostnames())));
            hostnames = desired.enableDnsHostnames();
        }
        return new State(live.id(), live.cidr(), support, hostnames, live.tags());
    }

    private State withDns(Vpc vpc) {
        boolean support = ec2.describeVpcAttribute(r -> r.vpcId(vpc.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                .enableDnsSupport().value();
        boolean hostnames = ec2.describeVpcAttribute(r -> r.vpcId(vpc.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value();
        return new State(vpc.vpcId(), vpc.cidrBlock(), support, hostnames, Ec2Tags.toMap(vpc.tags()));
    }

    private List<Vpc> describe(Filter... filters) {
        return ec2.describeVpcsPaginator(r -> r.filters(filters)).vpcs().stream().toList();
    }

    private static AttributeBooleanValue bool(boolean value) {
        return AttributeBooleanValue.builder().value(value).build();
    }
}
