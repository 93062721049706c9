package io.slipway.aws.ccm;

import io.slipway.aws.AwsCalls;
import io.slipway.aws.TagMaps;
import io.slipway.cloud.FindContext;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;
import software.amazon.awssdk.services.elasticloadbalancing.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancing.model.TagDescription;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A classic ELB the cloud-controller-manager made for a Service of type LoadBalancer (its default). Found with one
 * paged DescribeLoadBalancers of the region and DescribeTags of 20 names a call (classic ELB takes no tag filter).
 * Deleting it takes its listeners; its subnets and security groups are deleted after it.
 */
public final class CcmClassicLoadBalancerKind extends LeftoverKind<CcmClassicLoadBalancerKind.Live> {
    public static final String NAME = "CcmClassicLoadBalancer";

    public record Live(String name, String vpcId, Set<String> subnetIds, Set<String> securityGroupIds) {
        public Live {
            subnetIds = Set.copyOf(subnetIds);
            securityGroupIds = Set.copyOf(securityGroupIds);
        }
    }

    private final ElasticLoadBalancingClient elb;

    public CcmClassicLoadBalancerKind(ElasticLoadBalancingClient elb) {
        this.elb = elb;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    List<Live> findMadeForCluster(String clusterTagKey, FindContext<LeftoverSpec> context) {
        List<LoadBalancerDescription> all = elb.describeLoadBalancersPaginator(r -> { }).loadBalancerDescriptions()
                .stream().toList();
        List<Live> found = new ArrayList<>();
        for (List<LoadBalancerDescription> batch : Batches.of(all, Batches.ELB_TAGS)) {
            List<String> names = batch.stream().map(LoadBalancerDescription::loadBalancerName).toList();
            Set<String> ours = new HashSet<>();
            for (TagDescription tags : elb.describeTags(r -> r.loadBalancerNames(names)).tagDescriptions()) {
                if (ClusterTag.madeForClusterByOthers(TagMaps.of(tags.tags(), Tag::key, Tag::value), clusterTagKey)) {
                    ours.add(tags.loadBalancerName());
                }
            }
            batch.stream().filter(b -> ours.contains(b.loadBalancerName())).forEach(b -> found.add(new Live(
                    b.loadBalancerName(), b.vpcId(), new HashSet<>(b.subnets()), new HashSet<>(b.securityGroups()))));
        }
        return found;
    }

    @Override
    String logicalId(Live live) {
        return "ccm/classic-load-balancer/" + live.name();
    }

    @Override
    public String cloudId(Live live) {
        return live.name();
    }

    @Override
    public Set<String> references(Live live) {
        Set<String> used = new HashSet<>(live.subnetIds());
        used.addAll(live.securityGroupIds());
        return used;
    }

    @Override
    public void delete(Live live) {
        AwsCalls.ignoring(() -> elb.deleteLoadBalancer(r -> r.loadBalancerName(live.name())), "LoadBalancerNotFound");
    }
}
