package io.slipway.aws.ccm;

import io.slipway.aws.AwsCalls;
import io.slipway.cloud.FindContext;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule, in one of the cluster's security groups, that names a group the cloud-controller-manager made: the CCM
 * lets its load balancer's group reach the nodes with an ingress rule on the nodes' group. A group that a rule of
 * another group names cannot be deleted (DependencyViolation), so these rules are revoked first. Found with one
 * paged DescribeSecurityGroups of the groups tagged {@code owned} for the cluster (Slipway's and the CCM's); groups
 * tagged {@code shared} are not the cluster's to change, and a rule there keeps the CCM's group until a human acts.
 */
public final class CcmSecurityGroupRuleKind extends LeftoverKind<CcmSecurityGroupRuleKind.Live> {
    public static final String NAME = "CcmSecurityGroupRule";

    /** A rule of {@code groupId} whose source (ingress) or destination (egress) is {@code referencedGroupId}. */
    public record Live(String groupId, boolean ingress, String protocol, Integer fromPort, Integer toPort,
                       String referencedGroupId) {
        String id() {
            String ports = fromPort == null ? "" : ":" + fromPort + "-" + toPort;
            return groupId + "/" + (ingress ? "ingress" : "egress") + "/" + protocol + ports + "/" + referencedGroupId;
        }
    }

    private final Ec2Client ec2;

    public CcmSecurityGroupRuleKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(CcmSecurityGroupKind.NAME);
    }

    @Override
    List<Live> findMadeForCluster(String clusterTagKey, FindContext<LeftoverSpec> context) {
        Set<String> ccmGroups = context.found(CcmSecurityGroupKind.NAME).stream().map(r -> r.cloudId())
                .collect(Collectors.toSet());
        if (ccmGroups.isEmpty()) {
            return List.of();
        }
        List<Live> found = new ArrayList<>();
        for (SecurityGroup group : ec2.describeSecurityGroupsPaginator(r -> r.filters(ClusterTagFilter.owned(clusterTagKey)))
                .securityGroups()) {
            collect(group, true, group.ipPermissions(), ccmGroups, found);
            collect(group, false, group.ipPermissionsEgress(), ccmGroups, found);
        }
        return found;
    }

    /** A group's rule naming itself holds nothing: it goes with the group. */
    private static void collect(SecurityGroup group, boolean ingress, List<IpPermission> permissions, Set<String> ccmGroups,
                                List<Live> found) {
        for (IpPermission permission : permissions) {
            for (UserIdGroupPair pair : permission.userIdGroupPairs()) {
                if (ccmGroups.contains(pair.groupId()) && !pair.groupId().equals(group.groupId())) {
                    found.add(new Live(group.groupId(), ingress, permission.ipProtocol(), permission.fromPort(),
                            permission.toPort(), pair.groupId()));
                }
            }
        }
    }

    @Override
    String logicalId(Live live) {
        return "ccm/security-group-rule/" + live.id();
    }

    @Override
    public String cloudId(Live live) {
        return live.id();
    }

    /** The group it is in and the group it names wait for it to be revoked. */
    @Override
    public Set<String> references(Live live) {
        return Set.of(live.groupId(), live.referencedGroupId());
    }

    @Override
    public void delete(Live live) {
        IpPermission permission = IpPermission.builder().ipProtocol(live.protocol()).fromPort(live.fromPort())
                .toPort(live.toPort()).userIdGroupPairs(UserIdGroupPair.builder().groupId(live.referencedGroupId()).build())
                .build();
        AwsCalls.ignoring(() -> {
            if (live.ingress()) {
                ec2.revokeSecurityGroupIngress(r -> r.groupId(live.groupId()).ipPermissions(permission));
            } else {
                ec2.revokeSecurityGroupEgress(r -> r.groupId(live.groupId()).ipPermissions(permission));
            }
        }, "InvalidPermission.NotFound", "InvalidGroup.NotFound");
    }
}
