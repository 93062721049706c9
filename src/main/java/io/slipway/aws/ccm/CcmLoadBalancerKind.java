package io.slipway.aws.ccm;

import io.slipway.aws.AwsCalls;
import io.slipway.aws.TagMaps;
import io.slipway.cloud.FindContext;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A network (or application) load balancer the cloud-controller-manager made for a Service. Found with one paged
 * DescribeLoadBalancers of the region and DescribeTags of 20 ARNs a call. Deleting it deletes its listeners; the
 * target groups they forwarded to (read from the target groups found, no call), its security groups and its
 * subnets are deleted after it.
 */
public final class CcmLoadBalancerKind extends LeftoverKind<CcmLoadBalancerKind.Live> {
    public static final String NAME = "CcmLoadBalancer";

    public record Live(String arn, String name, String vpcId, Set<String> subnetIds, Set<String> securityGroupIds,
                       Set<String> targetGroupArns) {
        public Live {
            subnetIds = Set.copyOf(subnetIds);
            securityGroupIds = Set.copyOf(securityGroupIds);
            targetGroupArns = Set.copyOf(targetGroupArns);
        }
    }

    private final ElasticLoadBalancingV2Client elb;

    public CcmLoadBalancerKind(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(CcmTargetGroupKind.NAME);
    }

    @Override
    List<Live> findMadeForCluster(String clusterTagKey, FindContext<LeftoverSpec> context) {
        List<LoadBalancer> all = elb.describeLoadBalancersPaginator(r -> { }).loadBalancers().stream().toList();
        List<CcmTargetGroupKind.Live> groups = context.found(CcmTargetGroupKind.NAME).stream()
                .map(r -> (CcmTargetGroupKind.Live) r.state()).toList();
        List<Live> found = new ArrayList<>();
        for (List<LoadBalancer> batch : Batches.of(all, Batches.ELB_TAGS)) {
            Set<String> ours = new HashSet<>();
            List<String> arns = batch.stream().map(LoadBalancer::loadBalancerArn).toList();
            for (TagDescription tags : elb.describeTags(r -> r.resourceArns(arns)).tagDescriptions()) {
                if (ClusterTag.madeForClusterByOthers(TagMaps.of(tags.tags(), Tag::key, Tag::value), clusterTagKey)) {
                    ours.add(tags.resourceArn());
                }
            }
            for (LoadBalancer balancer : batch) {
                if (ours.contains(balancer.loadBalancerArn())) {
                    found.add(live(balancer, groups));
                }
            }
        }
        return found;
    }

    private static Live live(LoadBalancer balancer, List<CcmTargetGroupKind.Live> groups) {
        Set<String> subnets = new HashSet<>();
        for (AvailabilityZone zone : balancer.availabilityZones()) {
            subnets.add(zone.subnetId());
        }
        Set<String> targetGroups = new HashSet<>();
        groups.stream().filter(g -> g.loadBalancerArns().contains(balancer.loadBalancerArn()))
                .forEach(g -> targetGroups.add(g.arn()));
        return new Live(balancer.loadBalancerArn(), balancer.loadBalancerName(), balancer.vpcId(), subnets,
                new HashSet<>(balancer.securityGroups()), targetGroups);
    }

    @Override
    String logicalId(Live live) {
        return "ccm/load-balancer/" + live.name();
    }

    @Override
    public String cloudId(Live live) {
        return live.arn();
    }

    @Override
    public Set<String> references(Live live) {
        Set<String> used = new HashSet<>(live.subnetIds());
        used.addAll(live.securityGroupIds());
        used.addAll(live.targetGroupArns());
        return used;
    }

    @Override
    public void delete(Live live) {
        AwsCalls.ignoring(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(live.arn())), "LoadBalancerNotFound");
    }
}
