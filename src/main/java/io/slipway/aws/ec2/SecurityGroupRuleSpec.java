package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * One ingress rule of {@code group}: protocol and ports from one source, either a CIDR or another security group.
 * What it allows is its identity, so its logical id ({@link #logicalId()}) is derived from it.
 */
public record SecurityGroupRuleSpec(Ref group, String protocol, Integer fromPort, Integer toPort, String cidr,
                                    Ref sourceGroup) implements ResourceSpec {

    public SecurityGroupRuleSpec {
        if ((cidr == null) == (sourceGroup == null)) {
            throw new IllegalArgumentException("a rule has exactly one source: a CIDR or a security group");
        }
    }

    public static SecurityGroupRuleSpec fromCidr(Ref group, String protocol, Integer fromPort, Integer toPort, String cidr) {
        return new SecurityGroupRuleSpec(group, protocol, fromPort, toPort, cidr, null);
    }

    public static SecurityGroupRuleSpec fromGroup(Ref group, String protocol, Integer fromPort, Integer toPort, Ref source) {
        return new SecurityGroupRuleSpec(group, protocol, fromPort, toPort, null, source);
    }

    /** e.g. sgrule/controlplane/tcp:443/apilb, sgrule/apilb/tcp:443/0.0.0.0/0, sgrule/nodes/all/controlplane. */
    public String logicalId() {
        String source = cidr != null ? cidr
                : sourceGroup.isLiteral() ? sourceGroup.literalId() : Ec2Names.suffix(sourceGroup.logicalId());
        return logicalIdFor(group.logicalId(), rule(null).portsText(), source);
    }

    static String logicalIdFor(String groupLogicalId, String portsText, String source) {
        return "sgrule/" + Ec2Names.suffix(groupLogicalId) + "/" + portsText + "/" + source;
    }

    /** The rule with the source group resolved to {@code sourceGroupId}. */
    IpRule rule(String sourceGroupId) {
        return new IpRule(protocol, fromPort, toPort, cidr, cidr == null ? (sourceGroupId == null ? "?" : sourceGroupId) : null);
    }

    @Override
    public String kind() {
        return SecurityGroupRuleKind.NAME;
    }

    @Override
    public List<Ref> references() {
        List<Ref> references = new ArrayList<>();
        references.add(group);
        if (sourceGroup != null) {
            references.add(sourceGroup);
        }
        return references;
    }
}
