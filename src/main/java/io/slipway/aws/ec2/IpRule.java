package io.slipway.aws.ec2;

import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One atomic security-group rule: a protocol, a port range and one source (an IPv4 CIDR or a security group).
 * EC2 groups rules into IpPermissions with several sources; Slipway compares them one by one.
 *
 * @param protocol "tcp", "udp", "icmp", "all", or an IP protocol number ("4")
 * @param fromPort null when the protocol has no ports
 * @param toPort   null when the protocol has no ports
 */
public record IpRule(String protocol, Integer fromPort, Integer toPort, String cidr, String sourceGroupId) {

    public IpRule {
        protocol = normalProtocol(protocol);
        if (!hasPorts(protocol)) {
            fromPort = null;
            toPort = null;
        }
        if ((cidr == null) == (sourceGroupId == null)) {
            throw new IllegalArgumentException("a rule has exactly one source: a CIDR or a security group");
        }
    }

    /** A rule as found, with its description (not part of what the rule allows). */
    public record Described(IpRule rule, String description) {
    }

    /** Splits EC2's permissions into atomic rules (IPv6 and prefix-list sources are not modelled and ignored). */
    static List<Described> fromPermissions(List<IpPermission> permissions) {
        List<Described> rules = new ArrayList<>();
        for (IpPermission permission : permissions) {
            for (IpRange range : permission.ipRanges()) {
                rules.add(new Described(new IpRule(permission.ipProtocol(), permission.fromPort(), permission.toPort(),
                        range.cidrIp(), null), range.description()));
            }
            for (UserIdGroupPair pair : permission.userIdGroupPairs()) {
                rules.add(new Described(new IpRule(permission.ipProtocol(), permission.fromPort(), permission.toPort(),
                        null, pair.groupId()), pair.description()));
            }
        }
        return rules;
    }

    /**
     * As an IpPermission. Give the rule's description when revoking: AWS matches without it, but moto only
     * matches a group-sourced rule with its description.
     */
    IpPermission toPermission(String description) {
        IpPermission.Builder permission = IpPermission.builder().ipProtocol("all".equals(protocol) ? "-1" : protocol);
        if (hasPorts(protocol)) {
            permission.fromPort(fromPort).toPort(toPort);
        } else if (!"all".equals(protocol)) {
            // AWS ignores ports for such protocols; moto needs them present
            permission.fromPort(-1).toPort(-1);
        }
        if (cidr != null) {
            permission.ipRanges(IpRange.builder().cidrIp(cidr).description(description).build());
        } else {
            permission.userIdGroupPairs(UserIdGroupPair.builder().groupId(sourceGroupId).description(description).build());
        }
        return permission.build();
    }

    /** "tcp:443", "tcp:1-2378", "udp:1-65535", "all", "4". */
    String portsText() {
        if (fromPort == null) {
            return protocol;
        }
        return protocol + ":" + (fromPort.equals(toPort) ? fromPort.toString() : fromPort + "-" + toPort);
    }

    @Override
    public String toString() {
        return portsText() + " from " + (cidr != null ? cidr : sourceGroupId);
    }

    private static boolean hasPorts(String protocol) {
        return protocol.equals("tcp") || protocol.equals("udp") || protocol.equals("icmp");
    }

    private static String normalProtocol(String protocol) {
        String p = protocol == null ? "all" : protocol.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "-1" -> "all";
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            default -> p;
        };
    }
}
