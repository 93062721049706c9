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
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.ResourceType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Internet gateway: one CreateInternetGateway with tags. Attaching is {@link InternetGatewayAttachmentKind}. */
public final class InternetGatewayKind implements ResourceKind<InternetGatewaySpec, InternetGatewayKind.State> {
    public static final String NAME = "InternetGateway";

    public record State(String id, List<String> attachedVpcIds, Map<String, String> tags) {
        public State {
            attachedVpcIds = List.copyOf(attachedVpcIds);
        }
    }

    private final Ec2Client ec2;

    public InternetGatewayKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<InternetGatewaySpec> specType() {
        return InternetGatewaySpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(VpcKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<InternetGatewaySpec> context) {
        List<LiveResource<State>> found = Ec2Tags.owned(NAME, context.owner(),
                describe(Ec2Tags.ownerFilter(context.owner())), InternetGateway::internetGatewayId,
                InternetGateway::tags, InternetGatewayKind::state);
        for (DesiredResource<InternetGatewaySpec> desired : context.desired()) {
            if (desired.lifecycle() != Lifecycle.SHARED) {
                continue;
            }
            Optional<String> vpcId = context.refs().cloudId(desired.spec().attachedTo());
            if (vpcId.isPresent()) {
                describe(Ec2Tags.filter("attachment.vpc-id", vpcId.get())).stream().findFirst().ifPresent(gateway ->
                        found.add(new LiveResource<>(NAME, desired.logicalId(), gateway.internetGatewayId(),
                                state(gateway), false)));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(InternetGatewaySpec desired, State live, Refs refs) {
        return new Diff(refs).tags(desired.tags(), live.tags()).changes();
    }

    @Override
    public State create(Owner owner, String logicalId, InternetGatewaySpec desired, Refs refs) {
        InternetGateway gateway = IdempotentCreate.run(
                () -> ec2.createInternetGateway(r -> r
                        .tagSpecifications(Ec2Tags.specification(ResourceType.INTERNET_GATEWAY, desired.tags(), owner, logicalId))
                        .overrideConfiguration(IdempotentCreate.NO_SDK_RETRY)).internetGateway(),
                () -> describe(Ec2Tags.ownerFilter(owner), Ec2Tags.resourceFilter(logicalId)).stream().findFirst());
        return new State(gateway.internetGatewayId(), attachedVpcs(gateway),
                Ec2Tags.withOwnership(desired.tags(), owner, logicalId));
    }

    @Override
    public State update(String logicalId, InternetGatewaySpec desired, State live, List<FieldChange> changes, Refs refs) {
        return new State(live.id(), live.attachedVpcIds(), Ec2Tags.putBack(ec2, live.id(), changes, live.tags()));
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> ec2.deleteInternetGateway(r -> r.internetGatewayId(live.id())),
                "InvalidInternetGatewayID.NotFound");
    }

    @Override
    public String cloudId(State live) {
        return live.id();
    }

    private static State state(InternetGateway gateway) {
        return new State(gateway.internetGatewayId(), attachedVpcs(gateway), Ec2Tags.toMap(gateway.tags()));
    }

    private static List<String> attachedVpcs(InternetGateway gateway) {
        return gateway.attachments().stream().filter(a -> !"detached".equals(a.stateAsString()))
                .map(InternetGatewayAttachment::vpcId).sorted().toList();
    }

    List<InternetGateway> describe(Filter... filters) {
        return ec2.describeInternetGatewaysPaginator(r -> r.filters(filters)).internetGateways().stream().toList();
    }
}
