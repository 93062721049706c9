package io.slipway.aws.ec2;

import io.slipway.aws.AwsCalls;
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
import java.util.List;
import java.util.Set;

/**
 * The attachment of an owned internet gateway to a VPC: AttachInternetGateway / DetachInternetGateway. Read from
 * the gateways' describe, so it costs no call of its own.
 */
public final class InternetGatewayAttachmentKind
        implements ResourceKind<InternetGatewayAttachmentSpec, InternetGatewayAttachmentKind.State> {
    public static final String NAME = "InternetGatewayAttachment";

    public record State(String internetGatewayId, String vpcId) {
    }

    private final Ec2Client ec2;

    public InternetGatewayAttachmentKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<InternetGatewayAttachmentSpec> specType() {
        return InternetGatewayAttachmentSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(InternetGatewayKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<InternetGatewayAttachmentSpec> context) {
        List<LiveResource<State>> found = new ArrayList<>();
        for (LiveResource<?> gateway : context.found(InternetGatewayKind.NAME)) {
            if (!gateway.owned()) {
                continue;
            }
            InternetGatewayKind.State state = (InternetGatewayKind.State) gateway.state();
            for (String vpcId : state.attachedVpcIds()) {
                State attachment = new State(state.id(), vpcId);
                found.add(new LiveResource<>(NAME, InternetGatewayAttachmentSpec.logicalIdFor(gateway.logicalId()),
                        cloudId(attachment), attachment, true));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(InternetGatewayAttachmentSpec desired, State live, Refs refs) {
        return new Diff(refs)
                .ref("internetGateway", desired.internetGateway(), live.internetGatewayId())
                .ref("vpc", desired.vpc(), live.vpcId())
                .changes();
    }

    @Override
    public State create(Owner owner, String logicalId, InternetGatewayAttachmentSpec desired, Refs refs) {
        String gatewayId = refs.require(desired.internetGateway());
        String vpcId = refs.require(desired.vpc());
        try {
            ec2.attachInternetGateway(r -> r.internetGatewayId(gatewayId).vpcId(vpcId));
        } catch (Ec2Exception e) {
            // a retried call whose first attempt went through
            if (!AwsCalls.hasCode(e, "Resource.AlreadyAssociated") || !attached(gatewayId, vpcId)) {
                throw e;
            }
        }
        return new State(gatewayId, vpcId);
    }

    @Override
    public State update(String logicalId, InternetGatewayAttachmentSpec desired, State live, List<FieldChange> changes,
                        Refs refs) {
        delete(live);
        return create(null, logicalId, desired, refs);
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> ec2.detachInternetGateway(r -> r.internetGatewayId(live.internetGatewayId())
                .vpcId(live.vpcId())), "Gateway.NotAttached", "InvalidInternetGatewayID.NotFound");
    }

    @Override
    public String cloudId(State live) {
        return live.internetGatewayId() + "/" + live.vpcId();
    }

    @Override
    public Set<String> references(State live) {
        return Set.of(live.internetGatewayId(), live.vpcId());
    }

    private boolean attached(String gatewayId, String vpcId) {
        return ec2.describeInternetGateways(r -> r.internetGatewayIds(gatewayId)).internetGateways().stream()
                .flatMap(g -> g.attachments().stream()).anyMatch(a -> vpcId.equals(a.vpcId()));
    }
}
