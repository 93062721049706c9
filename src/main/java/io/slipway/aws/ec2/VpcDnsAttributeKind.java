package io.slipway.aws.ec2;

import io.slipway.aws.AwsCalls;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One DNS attribute of a VPC ({@link VpcDnsAttribute}), a resource of its own. It belongs to the owner when its VPC
 * does (found owned by {@link VpcKind}): a shared VPC's attributes are never read nor set. One DescribeVpcAttribute per
 * owned desired VPC (a cluster has one) to find; deleting it changes nothing, the attribute goes with its VPC.
 */
public final class VpcDnsAttributeKind implements ResourceKind<VpcDnsAttributeSpec, VpcDnsAttributeKind.State> {

    public record State(String vpcId, boolean enabled) {
    }

    private final Ec2Client ec2;
    private final VpcDnsAttribute attribute;

    public VpcDnsAttributeKind(Ec2Client ec2, VpcDnsAttribute attribute) {
        this.ec2 = ec2;
        this.attribute = attribute;
    }

    @Override
    public String name() {
        return attribute.kindName();
    }

    @Override
    public Class<VpcDnsAttributeSpec> specType() {
        return VpcDnsAttributeSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(VpcKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<VpcDnsAttributeSpec> context) {
        Set<String> owned = new HashSet<>();
        context.found(VpcKind.NAME).stream().filter(LiveResource::owned).forEach(vpc -> owned.add(vpc.cloudId()));
        List<LiveResource<State>> found = new ArrayList<>();
        for (DesiredResource<VpcDnsAttributeSpec> desired : context.desired()) {
            context.refs().value(desired.spec().vpc()).filter(owned::contains).ifPresent(vpcId -> {
                try {
                    found.add(new LiveResource<>(name(), desired.logicalId(), attribute.cloudIdFor(vpcId),
                            new State(vpcId, read(vpcId)), true));
                } catch (Ec2Exception e) {
                    // deleted since it was described: so is its attribute
                    if (!AwsCalls.hasCode(e, "InvalidVpcID.NotFound")) {
                        throw e;
                    }
                }
            });
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(VpcDnsAttributeSpec desired, State live, Refs refs) {
        return new Diff(refs).field(attribute.field(), desired.enabled(), live.enabled()).changes();
    }

    /** Always one call: whatever a new VPC's default, the attribute is then known to be as desired. */
    @Override
    public State create(Owner owner, String logicalId, VpcDnsAttributeSpec desired, Refs refs) {
        return set(refs.require(desired.vpc()), desired.enabled());
    }

    @Override
    public State update(String logicalId, VpcDnsAttributeSpec desired, State live, List<FieldChange> changes, Refs refs) {
        return set(live.vpcId(), desired.enabled());
    }

    /** The attribute goes with its VPC; there is nothing to take off before. */
    @Override
    public void delete(State live) {
    }

    @Override
    public String cloudId(State live) {
        return attribute.cloudIdFor(live.vpcId());
    }

    @Override
    public Set<String> references(State live) {
        return Set.of(live.vpcId());
    }

    private State set(String vpcId, boolean enabled) {
        ec2.modifyVpcAttribute(r -> attribute.set(r.vpcId(vpcId), enabled));
        return new State(vpcId, enabled);
    }

    private boolean read(String vpcId) {
        return attribute.valueOf(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(attribute.apiName())));
    }
}
