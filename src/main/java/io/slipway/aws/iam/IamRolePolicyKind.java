package io.slipway.aws.iam;

import io.slipway.aws.AwsCalls;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.RoleDetail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An inline policy of a role: PutRolePolicy creates and puts it back, DeleteRolePolicy deletes it. Found with the
 * same one GetAccountAuthorizationDetails per 1,000 roles of the account as the roles ({@link RoleDetails}), which
 * carries every inline policy: no ListRolePolicies or GetRolePolicy per role. A policy belongs to the owner when its
 * role does (found owned by {@link IamRoleKind}); one the graph does not name, e.g. added in the console, is deleted.
 * Compared by meaning ({@link PolicyJson}).
 */
public final class IamRolePolicyKind implements ResourceKind<IamRolePolicySpec, IamRolePolicyKind.State> {
    public static final String NAME = "IamRolePolicy";
    /** The logical id of an inline policy of an owned role that the graph does not name (so it is deleted). */
    static final String UNDESIRED = "iam/rolepolicy/undesired:";

    /** A policy as found (document decoded, not yet canonical). */
    public record State(String role, String policyName, String document) {
    }

    private final IamClient iam;

    public IamRolePolicyKind(IamClient iam) {
        this.iam = iam;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<IamRolePolicySpec> specType() {
        return IamRolePolicySpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(IamRoleKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<IamRolePolicySpec> context) {
        Set<String> ownedRoles = new HashSet<>();
        context.found(IamRoleKind.NAME).stream().filter(LiveResource::owned).forEach(r -> ownedRoles.add(r.cloudId()));
        List<LiveResource<State>> found = new ArrayList<>();
        if (ownedRoles.isEmpty()) {
            return found;
        }
        Map<String, String> desiredIds = new HashMap<>();
        for (DesiredResource<IamRolePolicySpec> desired : context.desired()) {
            context.refs().value(desired.spec().role()).ifPresent(role ->
                    desiredIds.put(cloudId(role, desired.spec().policyName()), desired.logicalId()));
        }
        for (RoleDetail role : RoleDetails.all(iam, context)) {
            if (!ownedRoles.contains(role.roleName())) {
                continue;
            }
            for (PolicyDetail policy : role.rolePolicyList()) {
                String cloudId = cloudId(role.roleName(), policy.policyName());
                found.add(new LiveResource<>(NAME, desiredIds.getOrDefault(cloudId, UNDESIRED + cloudId), cloudId,
                        new State(role.roleName(), policy.policyName(), PolicyJson.decode(policy.policyDocument())), true));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(IamRolePolicySpec desired, State live, Refs refs) {
        List<FieldChange> changes = new ArrayList<>();
        if (!desired.policyName().equals(live.policyName())) {
            changes.add(new FieldChange("policyName", live.policyName(), desired.policyName(), true));
        }
        if (!PolicyJson.sameMeaning(desired.document(), live.document())) {
            changes.add(new FieldChange("document", PolicyJson.summary(live.document()),
                    PolicyJson.summary(desired.document()), false));
        }
        return changes;
    }

    @Override
    public State create(Owner owner, String logicalId, IamRolePolicySpec desired, Refs refs) {
        return put(refs.require(desired.role()), desired);
    }

    @Override
    public State update(String logicalId, IamRolePolicySpec desired, State live, List<FieldChange> changes, Refs refs) {
        return put(live.role(), desired);
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> iam.deleteRolePolicy(r -> r.roleName(live.role()).policyName(live.policyName())),
                "NoSuchEntity");
    }

    @Override
    public String cloudId(State live) {
        return cloudId(live.role(), live.policyName());
    }

    /** Its role: deleted after it. */
    @Override
    public Set<String> references(State live) {
        return Set.of(live.role());
    }

    private State put(String role, IamRolePolicySpec desired) {
        iam.putRolePolicy(r -> r.roleName(role).policyName(desired.policyName()).policyDocument(desired.document()));
        return new State(role, desired.policyName(), desired.document());
    }

    private static String cloudId(String role, String policyName) {
        return role + "/" + policyName;
    }
}
