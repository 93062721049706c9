package io.slipway.aws.elb;

import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cross-zone attribute of a load balancer, a resource of its own (as Terraform's and kops' load balancer
 * attributes are set apart from the create call, which takes none): one ModifyLoadBalancerAttributes to create or
 * put back, one DescribeLoadBalancerAttributes per owned load balancer to find. It belongs to the owner when its load
 * balancer does (found owned by {@link LoadBalancerKind}). Deleting it changes nothing: the attribute goes with
 * its load balancer.
 */
public final class LoadBalancerCrossZoneKind implements ResourceKind<LoadBalancerCrossZoneSpec, LoadBalancerCrossZoneKind.State> {
    public static final String NAME = "LoadBalancerCrossZone";
    static final String CROSS_ZONE = "load_balancing.cross_zone.enabled";

    public record State(String loadBalancerArn, boolean enabled) {
    }

    private final ElasticLoadBalancingV2Client elb;

    public LoadBalancerCrossZoneKind(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<LoadBalancerCrossZoneSpec> specType() {
        return LoadBalancerCrossZoneSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(LoadBalancerKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<LoadBalancerCrossZoneSpec> context) {
        Set<String> owned = new HashSet<>();
        context.found(LoadBalancerKind.NAME).stream().filter(LiveResource::owned).forEach(lb -> owned.add(lb.cloudId()));
        List<LiveResource<State>> found = new ArrayList<>();
        for (DesiredResource<LoadBalancerCrossZoneSpec> desired : context.desired()) {
            context.refs().value(desired.spec().loadBalancer()).filter(owned::contains).ifPresent(arn -> {
                try {
                    found.add(new LiveResource<>(NAME, desired.logicalId(), cloudId(arn), new State(arn, read(arn)), true));
                } catch (LoadBalancerNotFoundException gone) {
                    // deleted since it was described: so is its attribute
                }
            });
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(LoadBalancerCrossZoneSpec desired, State live, Refs refs) {
        return new Diff(refs).field("crossZone", desired.enabled(), live.enabled()).changes();
    }

    @Override
    public State create(Owner owner, String logicalId, LoadBalancerCrossZoneSpec desired, Refs refs) {
        return set(refs.require(desired.loadBalancer()), desired.enabled());
    }

    @Override
    public State update(String logicalId, LoadBalancerCrossZoneSpec desired, State live, List<FieldChange> changes, Refs refs) {
        return set(live.loadBalancerArn(), desired.enabled());
    }

    /** The attribute goes with its load balancer; there is nothing to take off before. */
    @Override
    public void delete(State live) {
    }

    @Override
    public String cloudId(State live) {
        return cloudId(live.loadBalancerArn());
    }

    @Override
    public Set<String> references(State live) {
        return Set.of(live.loadBalancerArn());
    }

    private State set(String arn, boolean enabled) {
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn).attributes(
                LoadBalancerAttribute.builder().key(CROSS_ZONE).value(Boolean.toString(enabled)).build()));
        return new State(arn, enabled);
    }

    private boolean read(String arn) {
        return elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes().stream()
                .anyMatch(a -> CROSS_ZONE.equals(a.key()) && "true".equalsIgnoreCase(a.value()));
    }

    private static String cloudId(String arn) {
        return arn + "#cross-zone";
    }
}
