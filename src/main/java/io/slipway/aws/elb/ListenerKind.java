package io.slipway.aws.elb;

import io.slipway.aws.AwsCalls;
import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A listener of the API load balancer. Found on the load balancers of the desired names: one DescribeListeners per
 * load balancer (one, unless a lost response left a duplicate), its tags read with theirs in one DescribeTags
 * ({@link ElbFind}). Only tagged listeners are Slipway's: a listener someone added on another port is left alone.
 */
public final class ListenerKind implements ResourceKind<ListenerSpec, ListenerKind.Live> {
    public static final String NAME = "Listener";

    public record Live(String arn, String loadBalancerArn, String targetGroupArn, String protocol, int port,
                       Map<String, String> tags) {
    }

    private final ElasticLoadBalancingV2Client elb;

    public ListenerKind(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ListenerSpec> specType() {
        return ListenerSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(LoadBalancerKind.NAME);
    }

    @Override
    public List<LiveResource<Live>> find(FindContext<ListenerSpec> context) {
        // also when none is desired: an owned listener left out of the graph is found, to be deleted
        ElbFind read = ElbFind.of(context, elb);
        List<LiveResource<Live>> found = new ArrayList<>();
        for (Listener listener : read.listeners()) {
            Map<String, String> own = read.tagsOf(listener.listenerArn());
            OwnershipTags.ownedLogicalId(own, context.owner()).ifPresent(logicalId ->
                    found.add(new LiveResource<>(NAME, logicalId, listener.listenerArn(), live(listener, own), true)));
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(ListenerSpec desired, Live live, Refs refs) {
        return new Diff(refs)
                .immutableRef("loadBalancer", desired.loadBalancer(), live.loadBalancerArn())
                .ref("targetGroup", desired.targetGroup(), live.targetGroupArn())
                .field("protocol", desired.protocol(), live.protocol())
                .field("port", desired.port(), live.port())
                .tags(desired.tags(), live.tags())
                .changes();
    }

    @Override
    public Live create(Owner owner, String logicalId, ListenerSpec desired, Refs refs) {
        String balancer = refs.require(desired.loadBalancer());
        String group = refs.require(desired.targetGroup());
        Listener created = NamedCreate.run(
                () -> elb.createListener(r -> r.loadBalancerArn(balancer).protocol(desired.protocol()).port(desired.port())
                        .defaultActions(forward(group))
                        .tags(ElbTags.forCreate(desired.tags(), owner, logicalId))
                        .overrideConfiguration(NamedCreate.NO_SDK_RETRY)).listeners().get(0),
                () -> describe(balancer).stream().filter(l -> OwnershipTags.ownedLogicalId(
                        ElbTags.of(elb, List.of(l.listenerArn())).getOrDefault(l.listenerArn(), Map.of()), owner)
                        .filter(logicalId::equals).isPresent()).findFirst(),
                "DuplicateListener");
        return live(created, OwnershipTags.withOwnership(desired.tags(), owner, logicalId));
    }

    @Override
    public Live update(String logicalId, ListenerSpec desired, Live live, List<FieldChange> changes, Refs refs) {
        Live updated = live;
        if (changes.stream().anyMatch(c -> !c.field().startsWith("tags."))) {
            String group = refs.require(desired.targetGroup());
            updated = live(elb.modifyListener(r -> r.listenerArn(live.arn()).protocol(desired.protocol())
                    .port(desired.port()).defaultActions(forward(group))).listeners().get(0), live.tags());
        }
        Map<String, String> tags = ElbTags.putBack(elb, live.arn(), changes, live.tags());
        return new Live(updated.arn(), updated.loadBalancerArn(), updated.targetGroupArn(), updated.protocol(),
                updated.port(), tags);
    }

    @Override
    public void delete(Live live) {
        AwsCalls.ignoring(() -> elb.deleteListener(r -> r.listenerArn(live.arn())), "ListenerNotFound");
    }

    @Override
    public String cloudId(Live live) {
        return live.arn();
    }

    @Override
    public Set<String> references(Live live) {
        return live.targetGroupArn() == null ? Set.of(live.loadBalancerArn())
                : Set.of(live.loadBalancerArn(), live.targetGroupArn());
    }

    private List<Listener> describe(String loadBalancerArn) {
        return ElbFind.listeners(elb, loadBalancerArn);
    }

    private static Action forward(String targetGroupArn) {
        return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build();
    }

    private static Live live(Listener listener, Map<String, String> tags) {
        Optional<String> group = listener.defaultActions().stream()
                .filter(a -> a.type() == ActionTypeEnum.FORWARD).map(Action::targetGroupArn).findFirst();
        return new Live(listener.listenerArn(), listener.loadBalancerArn(), group.orElse(null),
                listener.protocolAsString(), listener.port(), tags);
    }
}
