package io.slipway.aws.elb;

import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.FindContext;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ELBv2 reads of one plan, shared by the load balancer, target group and listener finds: DescribeLoadBalancers
 * and DescribeTargetGroups by the desired (derived) names, DescribeListeners of each load balancer so named (one,
 * unless a lost response left a duplicate), then the tags of all of them in ONE DescribeTags (20 ARNs a call).
 * Four calls for the three kinds, made by whichever of them is found first; each kind then keeps what its owner's
 * tags mark as its own.
 */
record ElbFind(List<LoadBalancer> balancers, List<TargetGroup> groups, List<Listener> listeners,
               Map<String, Map<String, String>> tags) {
    private static final String KEY = "elbv2.find";

    static ElbFind of(FindContext<?> context, ElasticLoadBalancingV2Client elb) {
        return context.shared(KEY, ElbFind.class, () -> read(elb,
                names(context.<LoadBalancerSpec>desiredOf(LoadBalancerKind.NAME).stream().map(d -> d.spec().name()).toList()),
                names(context.<TargetGroupSpec>desiredOf(TargetGroupKind.NAME).stream().map(d -> d.spec().name()).toList())));
    }

    Map<String, String> tagsOf(String arn) {
        return tags.getOrDefault(arn, Map.of());
    }

    static ElbFind read(ElasticLoadBalancingV2Client elb, Set<String> balancerNames, Set<String> groupNames) {
        List<LoadBalancer> balancers = balancers(elb, balancerNames);
        List<TargetGroup> groups = groups(elb, groupNames);
        List<Listener> listeners = new ArrayList<>();
        balancers.forEach(b -> listeners.addAll(listeners(elb, b.loadBalancerArn())));
        List<String> arns = new ArrayList<>();
        balancers.forEach(b -> arns.add(b.loadBalancerArn()));
        groups.forEach(g -> arns.add(g.targetGroupArn()));
        listeners.forEach(l -> arns.add(l.listenerArn()));
        return new ElbFind(List.copyOf(balancers), List.copyOf(groups), List.copyOf(listeners), ElbTags.of(elb, arns));
    }

    static List<LoadBalancer> balancers(ElasticLoadBalancingV2Client elb, Set<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        try {
            return elb.describeLoadBalancers(r -> r.names(names)).loadBalancers();
        } catch (LoadBalancerNotFoundException e) {
            return List.of();
        }
    }

    static List<TargetGroup> groups(ElasticLoadBalancingV2Client elb, Set<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        try {
            return elb.describeTargetGroups(r -> r.names(names)).targetGroups();
        } catch (TargetGroupNotFoundException e) {
            return List.of();
        }
    }

    static List<Listener> listeners(ElasticLoadBalancingV2Client elb, String loadBalancerArn) {
        try {
            return elb.describeListenersPaginator(r -> r.loadBalancerArn(loadBalancerArn)).listeners().stream().toList();
        } catch (LoadBalancerNotFoundException e) {
            return List.of();
        }
    }

    private static Set<String> names(List<String> names) {
        return new TreeSet<>(names);
    }
}
