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
import software.amazon.awssdk.services.ec2.model.ResourceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ingress rule of an owned security group: one AuthorizeSecurityGroupIngress (tagged) / one
 * RevokeSecurityGroupIngress. Read from the groups' describe. Every ingress rule of an owned group is Slipway's:
 * one added out of band is revoked, one removed is put back.
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
        List<LiveResource<State>> found = new ArrayList<>();
        for (LiveResource<?> group : groups) {
            SecurityGroupKind.State groupState = (SecurityGroupKind.State) group.state();
            for (IpRule.Described described : groupState.ingress()) {
                IpRule rule = described.rule();
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
