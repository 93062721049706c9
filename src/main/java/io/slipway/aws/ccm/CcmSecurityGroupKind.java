package io.slipway.aws.ccm;

import io.slipway.aws.AwsCalls;
import io.slipway.cloud.FindContext;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.List;
import java.util.Set;

/**
 * A security group the cloud-controller-manager made for a Service's load balancer ({@code k8s-elb-...}). Found
 * with one paged DescribeSecurityGroups filtered by the cluster tag. The load balancers that use it and the rules
 * that reference it (see {@link CcmSecurityGroupRuleKind}) go first; deleting it while an instance still uses it
 * fails as in use and is retried.
 */
public final class CcmSecurityGroupKind extends LeftoverKind<CcmSecurityGroupKind.Live> {
    public static final String NAME = "CcmSecurityGroup";

    public record Live(String groupId, String groupName, String vpcId) {
    }

    private final Ec2Client ec2;

    public CcmSecurityGroupKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    List<Live> findMadeForCluster(String clusterTagKey, FindContext<LeftoverSpec> context) {
        return ec2.describeSecurityGroupsPaginator(r -> r.filters(ClusterTagFilter.owned(clusterTagKey))).securityGroups()
                .stream().filter(g -> ClusterTagFilter.madeForClusterByOthers(g.tags(), clusterTagKey))
                .map(g -> new Live(g.groupId(), g.groupName(), g.vpcId())).toList();
    }

    @Override
    String logicalId(Live live) {
        return "ccm/security-group/" + live.groupId();
    }

    @Override
    public String cloudId(Live live) {
        return live.groupId();
    }

    @Override
    public Set<String> references(Live live) {
        return live.vpcId() == null ? Set.of() : Set.of(live.vpcId());
    }

    @Override
    public void delete(Live live) {
        AwsCalls.ignoring(() -> ec2.deleteSecurityGroup(r -> r.groupId(live.groupId())), "InvalidGroup.NotFound");
    }
}
