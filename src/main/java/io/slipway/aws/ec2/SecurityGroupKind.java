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
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Security group: one CreateSecurityGroup with tags. Keeps egress at "all traffic to 0.0.0.0/0". Its describe
 * carries the ingress rules {@link SecurityGroupRuleKind} reads.
 */
public final class SecurityGroupKind implements ResourceKind<SecurityGroupSpec, SecurityGroupKind.State> {
    public static final String NAME = "SecurityGroup";
    static final IpRule ALLOW_ALL_EGRESS = new IpRule("all", null, null, "0.0.0.0/0", null);

    public record State(String id, String vpcId, String groupName, String description, List<IpRule.Described> ingress,
                        List<IpRule.Described> egress, Map<String, String> tags) {
        public State {
            ingress = List.copyOf(ingress);
            egress = List.copyOf(egress);
        }
    }

    private final Ec2Client ec2;

    public SecurityGroupKind(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<SecurityGroupSpec> specType() {
        return SecurityGroupSpec.class;
    }

    @Override
    public List<LiveResource<State>> find(FindContext<SecurityGroupSpec> context) {
        return Ec2Tags.owned(NAME, context.owner(), describe(Ec2Tags.ownerFilter(context.owner())),
                SecurityGroup::groupId, SecurityGroup::tags, SecurityGroupKind::state);
    }

    @Override
    public List<FieldChange> diff(SecurityGroupSpec desired, State live, Refs refs) {
        return new Diff(refs)
                .immutableRef("vpc", desired.vpc(), live.vpcId())
                .immutableField("groupName", desired.groupName(), live.groupName())
                .immutableField("description", desired.description(), live.description())
                .field("egress", List.of(ALLOW_ALL_EGRESS).toString(), rules(live.egress()).toString())
                .tags(desired.tags(), live.tags())
                .changes();
    }

    @Override
    public State create(Owner owner, String logicalId, SecurityGroupSpec desired, Refs refs) {
        String vpcId = refs.require(desired.vpc());
        String groupId = IdempotentCreate.run(
                () -> {
                    try {
                        return ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(desired.groupName())
                                .description(desired.description())
                                .tagSpecifications(Ec2Tags.specification(ResourceType.SECURITY_GROUP, desired.tags(), owner, logicalId))
                                .overrideConfiguration(IdempotentCreate.NO_SDK_RETRY)).groupId();
                    } catch (Ec2Exception e) {
                        if (AwsCalls.hasCode(e, "InvalidGroup.Duplicate")) {
                            return adoptSameName(owner, logicalId, vpcId, desired.groupName(), e);
                        }
                        throw e;
                    }
                },
                () -> describe(Ec2Tags.ownerFilter(owner), Ec2Tags.resourceFilter(logicalId)).stream().findFirst()
                        .map(SecurityGroup::groupId));
        return new State(groupId, vpcId, desired.groupName(), desired.description(), List.of(),
                List.of(new IpRule.Described(ALLOW_ALL_EGRESS, null)), Ec2Tags.withOwnership(desired.tags(), owner, logicalId));
    }

    @Override
    public State update(String logicalId, SecurityGroupSpec desired, State live, List<FieldChange> changes, Refs refs) {
        Map<String, String> tags = Ec2Tags.putBack(ec2, live.id(), changes, live.tags());
        List<IpRule.Described> extra = live.egress().stream().filter(d -> !d.rule().equals(ALLOW_ALL_EGRESS)).toList();
        if (!extra.isEmpty()) {
            ec2.revokeSecurityGroupEgress(r -> r.groupId(live.id())
                    .ipPermissions(extra.stream().map(d -> d.rule().toPermission(d.description())).toList()));
        }
        if (!rules(live.egress()).contains(ALLOW_ALL_EGRESS)) {
            AwsCalls.ignoring(() -> ec2.authorizeSecurityGroupEgress(r -> r.groupId(live.id())
                    .ipPermissions(ALLOW_ALL_EGRESS.toPermission(null))), "InvalidPermission.Duplicate");
        }
        return new State(live.id(), live.vpcId(), live.groupName(), live.description(), live.ingress(),
                List.of(new IpRule.Described(ALLOW_ALL_EGRESS, null)), tags);
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> ec2.deleteSecurityGroup(r -> r.groupId(live.id())),
                "InvalidGroup.NotFound");
    }

    @Override
    public String cloudId(State live) {
        return live.id();
    }

    @Override
    public Set<String> references(State live) {
        return Set.of(live.vpcId());
    }

    /** A group with our name exists: ours if it carries our tags (a retried create), else a clash. */
    private String adoptSameName(Owner owner, String logicalId, String vpcId, String groupName, Ec2Exception clash) {
        Optional<SecurityGroup> existing = describe(Ec2Tags.filter("vpc-id", vpcId), Ec2Tags.filter("group-name", groupName))
                .stream().findFirst();
        if (existing.isPresent()
                && Ec2Tags.ownedLogicalId(Ec2Tags.toMap(existing.get().tags()), owner).orElse("").equals(logicalId)) {
            return existing.get().groupId();
        }
        throw clash;
    }

    private static List<IpRule> rules(List<IpRule.Described> described) {
        return described.stream().map(IpRule.Described::rule).toList();
    }

    private static State state(SecurityGroup group) {
        return new State(group.groupId(), group.vpcId(), group.groupName(), group.description(),
                IpRule.fromPermissions(group.ipPermissions()),
                IpRule.fromPermissions(group.ipPermissionsEgress()),
                Ec2Tags.toMap(group.tags()));
    }

    private List<SecurityGroup> describe(Filter... filters) {
        return ec2.describeSecurityGroupsPaginator(r -> r.filters(filters)).securityGroups().stream().toList();
    }
}
