package io.slipway.aws.ccm;

import io.slipway.aws.AwsCalls;
import io.slipway.aws.TagMaps;
import io.slipway.cloud.FindContext;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A target group of a network load balancer the cloud-controller-manager made for a Service ({@code k8s-...}).
 * Found with one paged DescribeTargetGroups of the region and DescribeTags of 20 ARNs a call. A load balancer's
 * listeners use it, so it is deleted after the load balancers that use it (see {@link CcmLoadBalancerKind}).
 */
public final class CcmTargetGroupKind extends LeftoverKind<CcmTargetGroupKind.Live> {
    public static final String NAME = "CcmTargetGroup";

    public record Live(String arn, String name, String vpcId, Set<String> loadBalancerArns) {
        public Live {
            loadBalancerArns = Set.copyOf(loadBalancerArns);
        }
    }

    private final ElasticLoadBalancingV2Client elb;

    public CcmTargetGroupKind(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    List<Live> findMadeForCluster(String clusterTagKey, FindContext<LeftoverSpec> context) {
        List<TargetGroup> all = elb.describeTargetGroupsPaginator(r -> { }).targetGroups().stream().toList();
        List<Live> found = new ArrayList<>();
        for (List<TargetGroup> batch : Batches.of(all, Batches.ELB_TAGS)) {
            Set<String> ours = new HashSet<>();
            List<String> arns = batch.stream().map(TargetGroup::targetGroupArn).toList();
            for (TagDescription tags : elb.describeTags(r -> r.resourceArns(arns)).tagDescriptions()) {
                if (ClusterTag.madeForClusterByOthers(TagMaps.of(tags.tags(), Tag::key, Tag::value), clusterTagKey)) {
                    ours.add(tags.resourceArn());
                }
            }
            batch.stream().filter(g -> ours.contains(g.targetGroupArn())).forEach(g -> found.add(new Live(
                    g.targetGroupArn(), g.targetGroupName(), g.vpcId(), new HashSet<>(g.loadBalancerArns()))));
        }
        return found;
    }

    @Override
    String logicalId(Live live) {
        return "ccm/target-group/" + live.name();
    }

    @Override
    public String cloudId(Live live) {
        return live.arn();
    }

    @Override
    public void delete(Live live) {
        AwsCalls.ignoring(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(live.arn())), "TargetGroupNotFound");
    }
}
