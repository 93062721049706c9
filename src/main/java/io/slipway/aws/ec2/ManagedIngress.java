package io.slipway.aws.ec2;

import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.Owner;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which ingress rules of a cluster's security groups are Slipway's to keep as desired. The groups carry
 * {@code kubernetes.io/cluster/<name>=owned}, so the AWS cloud-controller-manager adds rules to them for Service
 * load balancers (a NodePort from the clients' CIDRs, all traffic from a load balancer's own group); revoking
 * those would break Services, and the next CCM sync would add them back. So a rule that carries Slipway's tags is
 * the owner's when they name it (another scope's, such as an instance group's, is not); an untagged rule is when its
 * source is one of the cluster's own groups, or it opens one of the ports
 * Slipway manages from an address range (SSH, the API port, etcd): a world-open SSH rule added in the console is
 * still revoked. Everything else is left alone.
 */
public final class ManagedIngress {
    public static final int SSH_PORT = 22;
    public static final int API_PORT = 443;
    public static final int ETCD_FIRST_PORT = 2379;
    public static final int ETCD_LAST_PORT = 2381;

    /** Port ranges (inclusive) on which every rule from an address range is Slipway's. */
    private static final List<int[]> MANAGED_PORTS = List.of(
            new int[]{SSH_PORT, SSH_PORT}, new int[]{API_PORT, API_PORT}, new int[]{ETCD_FIRST_PORT, ETCD_LAST_PORT});

    private ManagedIngress() {
    }

    /**
     * @param rule          the rule as found
     * @param tags          the rule's own tags (empty when it has none)
     * @param owner         whose plan or teardown this is
     * @param clusterGroups ids of the owner's security groups
     */
    public static boolean isSlipways(IpRule rule, Map<String, String> tags, Owner owner, Set<String> clusterGroups) {
        if (tags.containsKey(OwnershipTags.CLUSTER)) {
            // made by Slipway: this owner's, or another scope's (an instance group's) that this plan leaves alone
            return OwnershipTags.ownedLogicalId(tags, owner).isPresent();
        }
        if (rule.sourceGroupId() != null) {
            return clusterGroups.contains(rule.sourceGroupId());
        }
        return opensManagedPort(rule);
    }

    /** True when the rule lets TCP reach SSH, the API port or etcd (all traffic does). */
    public static boolean opensManagedPort(IpRule rule) {
        if ("all".equals(rule.protocol())) {
            return true;
        }
        if (!"tcp".equals(rule.protocol()) || rule.fromPort() == null) {
            return false;
        }
        int from = rule.fromPort() < 0 ? 0 : rule.fromPort();
        int to = rule.toPort() == null || rule.toPort() < 0 ? 65535 : rule.toPort();
        return MANAGED_PORTS.stream().anyMatch(range -> from <= range[1] && range[0] <= to);
    }
}
