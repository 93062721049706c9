package io.slipway.aws.ec2;

import io.slipway.aws.AwsCalls;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An ingress rule of an owned security group: one AuthorizeSecurityGroupIngress (tagged) / one
 * RevokeSecurityGroupIngress. Read from the groups' describe, with the rules' tags from one
 * DescribeSecurityGroupRules. Only the rules {@link ManagedIngress} calls Slipway's are found: one of those added
 * out of band is revoked, one removed is put back; the rules the cloud-controller-manager adds for Services are
 * left alone.
 */
public final class SecurityGroupRuleKind implements ResourceKind<SecurityGroupRuleSpec, SecurityGroupRuleKind.State> {
    public static final String NAME = "SecurityGroupRule";

    public record State(String groupId, IpRule rule, String description) {
    }

    private final Ec2Client ec2;

    public SecurityGroupRuleKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<SecurityGroupRuleSpec> specType() {
        return SecurityGroupRuleSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(SecurityGroupKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<SecurityGroupRuleSpec> context) {
        List<LiveResource<?>> groups = context.found(SecurityGroupKind.NAME);
        Map<String, String> groupLogicalIds = new HashMap<>();
        groups.forEach(g -> groupLogicalIds.put(g.cloudId(), g.logicalId()));
        Map<String, Map<IpRule, Map<String, String>>> tags = ruleTags(groupLogicalIds.keySet());
        List<LiveResource<State>> found = new ArrayList<>();
        for (LiveResource<?> group : groups) {
            SecurityGroupKind.State groupState = (SecurityGroupKind.State) group.state();
            for (IpRule.Described described : groupState.ingress()) {
                IpRule rule = described.rule();
                Map<String, String> ruleTags = tags.getOrDefault(groupState.id(), Map.of()).getOrDefault(rule, Map.of());
                if (!ManagedIngress.isSlipways(rule, ruleTags, context.owner(), groupLogicalIds.keySet())) {
                    continue;
                }
                String source = rule.cidr() != null ? rule.cidr()
                        : groupLogicalIds.containsKey(rule.sourceGroupId())
                        ? Ec2Names.suffix(groupLogicalIds.get(rule.sourceGroupId())) : rule.sourceGroupId();
                State state = new State(groupState.id(), rule, described.description());
                found.add(new LiveResource<>(NAME, SecurityGroupRuleSpec.logicalIdFor(group.logicalId(),
                        rule.portsText(), source), cloudId(state), state, group.owned()));
            }
        }
        return found;
    }

    /** Per group id, each ingress rule's tags: one DescribeSecurityGroupRules (by page) for all groups. */
    private Map<String, Map<IpRule, Map<String, String>>> ruleTags(Set<String> groupIds) {
        Map<String, Map<IpRule, Map<String, String>>> tags = new HashMap<>();
        if (groupIds.isEmpty()) {
            return tags;
        }
        ec2.describeSecurityGroupRulesPaginator(r -> r.filters(Filter.builder().name("group-id")
                        .values(new TreeSet<>(groupIds)).build()))
                .securityGroupRules().stream()
                .filter(r -> !Boolean.TRUE.equals(r.isEgress()) && !r.tags().isEmpty())
                .filter(r -> r.cidrIpv4() != null || (r.referencedGroupInfo() != null && r.referencedGroupInfo().groupId() != null))
                .forEach(r -> {
                    IpRule rule = new IpRule(r.ipProtocol(), r.fromPort(), r.toPort(), r.cidrIpv4(),
                            r.cidrIpv4() == null ? r.referencedGroupInfo().groupId() : null);
                    Map<String, String> ruleTags = new HashMap<>();
                    r.tags().forEach(t -> ruleTags.put(t.key(), t.value()));
                    tags.computeIfAbsent(r.groupId(), g -> new HashMap<>()).put(rule, ruleTags);
                });
        return tags;
    }

    @Override
    public List<FieldChange> diff(SecurityGroupRuleSpec desired, State live, Refs refs) {
        return new Diff(refs)
                .immutableRef("group", desired.group(), live.groupId())
                .immutableRef("sourceGroup", desired.sourceGroup(), live.rule().sourceGroupId())
                .changes();
    }

    @Override
    public State create(Owner owner, String logicalId, SecurityGroupRuleSpec desired, Refs refs) {
        String groupId = refs.require(desired.group());
        IpRule rule = desired.rule(desired.sourceGroup() == null ? null : refs.require(desired.sourceGroup()));
        try {
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(rule.toPermission(logicalId))
                    .tagSpecifications(Ec2Tags.specification(ResourceType.SECURITY_GROUP_RULE, Map.of(), owner, logicalId)));
        } catch (Ec2Exception e) {
            // a retried call whose first attempt went through
            if (!AwsCalls.hasCode(e, "InvalidPermission.Duplicate")) {
                throw e;
            }
        }
        return new State(groupId, rule, logicalId);
    }

    @Override
    public State update(String logicalId, SecurityGroupRuleSpec desired, State live, List<FieldChange> changes,
                        Refs refs) {
        // every field is immutable: the planner refuses changes before they get here
        throw new UnsupportedOperationException("security group rules are never updated");
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> ec2.revokeSecurityGroupIngress(r -> r.groupId(live.groupId())
                .ipPermissions(live.rule().toPermission(live.description()))), "InvalidPermission.NotFound", "InvalidGroup.NotFound");
    }

    @Override
    public String cloudId(State live) {
        return live.groupId() + "/" + live.rule();
    }

    @Override
    public Set<String> references(State live) {
        Set<String> references = new HashSet<>();
        references.add(live.groupId());
        if (live.rule().sourceGroupId() != null) {
            references.add(live.rule().sourceGroupId());
        }
        return references;
    }
}
