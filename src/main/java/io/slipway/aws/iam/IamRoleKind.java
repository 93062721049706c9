package io.slipway.aws.iam;

import io.slipway.aws.AwsCalls;
import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Outputs;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleDetail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * IAM role: CreateRole with path, trust policy, permissions boundary and tags. Its inline policies are resources of
 * their own ({@link IamRolePolicyKind}). Found with one GetAccountAuthorizationDetails per 1,000 roles of the
 * account ({@link RoleDetails}), which carries the tags, boundary and trust policy; a role is the owner's when it
 * is under the cluster's IAM path (or a desired path) and carries the owner's tags. The role name is unique in the
 * account: a create that finds it taken adopts it only when it carries our ownership tags for the same logical id.
 */
public final class IamRoleKind implements ResourceKind<IamRoleSpec, IamRoleKind.State> {
    public static final String NAME = "IamRole";
    /** Output: the role's name (what an instance profile holds). */
    public static final String ROLE_NAME = "roleName";
    /** Output: the role's ARN. */
    public static final String ARN = "arn";

    /** A role as found: trust policy decoded (not yet canonical), tags as a sorted map. */
    public record State(String name, String arn, String path, String trustPolicy, String permissionsBoundary,
                        Map<String, String> tags) implements Outputs {
        public State {
            tags = IamTags.sorted(tags);
        }

        @Override
        public Map<String, String> outputs() {
            return Map.of(ROLE_NAME, name, ARN, arn);
        }
    }

    private final IamClient iam;

    public IamRoleKind(IamClient iam) {
        this.iam = iam;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<IamRoleSpec> specType() {
        return IamRoleSpec.class;
    }

    @Override
    public List<LiveResource<State>> find(FindContext<IamRoleSpec> context) {
        Owner owner = context.owner();
        Set<String> desiredPaths = new HashSet<>();
        context.desired().forEach(d -> desiredPaths.add(d.spec().path()));
        String clusterPath = IamPaths.ofCluster(owner.id());
        List<LiveResource<State>> found = new ArrayList<>();
        for (RoleDetail role : RoleDetails.all(iam, context)) {
            if (!role.path().startsWith(clusterPath) && !desiredPaths.contains(role.path())) {
                continue;
            }
            OwnershipTags.ownedLogicalId(IamTags.toMap(role.tags()), owner).ifPresent(logicalId -> {
                State state = state(role);
                found.add(new LiveResource<>(NAME, logicalId, state.name(), state, true));
            });
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(IamRoleSpec desired, State live, Refs refs) {
        List<FieldChange> changes = new ArrayList<>(new Diff(refs)
                .immutableField("path", desired.path(), live.path())
                .changes());
        if (!PolicyJson.sameMeaning(desired.trustPolicy(), live.trustPolicy())) {
            changes.add(new FieldChange("trustPolicy", PolicyJson.summary(live.trustPolicy()),
                    PolicyJson.summary(desired.trustPolicy()), false));
        }
        if (!Objects.equals(desired.permissionsBoundary(), live.permissionsBoundary())) {
            changes.add(new FieldChange("permissionsBoundary", live.permissionsBoundary(), desired.permissionsBoundary(), false));
        }
        changes.addAll(new Diff(refs).tags(desired.tags(), live.tags()).changes());
        return changes;
    }

    @Override
    public State create(Owner owner, String logicalId, IamRoleSpec desired, Refs refs) {
        Role role;
        try {
            role = iam.createRole(r -> r.roleName(desired.roleName()).path(desired.path())
                    .assumeRolePolicyDocument(desired.trustPolicy())
                    .permissionsBoundary(desired.permissionsBoundary())
                    .tags(IamTags.forCreate(desired.tags(), owner, logicalId))).role();
        } catch (EntityAlreadyExistsException taken) {
            // a retried create whose first answer was lost, or a crash after CreateRole: ours if it carries our marks
            State existing = getRole(desired.roleName())
                    .filter(r -> OwnershipTags.ownedLogicalId(IamTags.toMap(r.tags()), owner).orElse("").equals(logicalId))
                    .map(IamRoleKind::state)
                    .orElseThrow(() -> taken);
            return update(logicalId, desired, existing, diff(desired, existing, refs), refs);
        }
        return new State(role.roleName(), role.arn(), desired.path(), desired.trustPolicy(), desired.permissionsBoundary(),
                OwnershipTags.withOwnership(desired.tags(), owner, logicalId));
    }

    @Override
    public State update(String logicalId, IamRoleSpec desired, State live, List<FieldChange> changes, Refs refs) {
        String trust = live.trustPolicy();
        String boundary = live.permissionsBoundary();
        for (FieldChange change : changes) {
            if (change.field().equals("trustPolicy")) {
                iam.updateAssumeRolePolicy(r -> r.roleName(live.name()).policyDocument(desired.trustPolicy()));
                trust = desired.trustPolicy();
            } else if (change.field().equals("permissionsBoundary")) {
                if (desired.permissionsBoundary() == null) {
                    AwsCalls.ignoring(() -> iam.deleteRolePermissionsBoundary(r -> r.roleName(live.name())), "NoSuchEntity");
                } else {
                    iam.putRolePermissionsBoundary(r -> r.roleName(live.name()).permissionsBoundary(desired.permissionsBoundary()));
                }
                boundary = desired.permissionsBoundary();
            }
        }
        Map<String, String> missingTags = IamTags.missing(changes);
        if (!missingTags.isEmpty()) {
            iam.tagRole(r -> r.roleName(live.name()).tags(IamTags.toSdk(missingTags)));
        }
        return new State(live.name(), live.arn(), live.path(), trust, boundary, IamTags.merged(live.tags(), missingTags));
    }

    /**
     * Deletes what IAM requires gone first (inline policies, attached managed policies, membership in instance
     * profiles: whatever was added since, the console included), then the role.
     */
    @Override
    public void delete(State live) {
        String role = live.name();
        try {
            for (String policy : iam.listRolePoliciesPaginator(r -> r.roleName(role)).policyNames()) {
                AwsCalls.ignoring(() -> iam.deleteRolePolicy(r -> r.roleName(role).policyName(policy)), "NoSuchEntity");
            }
            iam.listAttachedRolePoliciesPaginator(r -> r.roleName(role)).attachedPolicies().forEach(attached ->
                    AwsCalls.ignoring(() -> iam.detachRolePolicy(r -> r.roleName(role).policyArn(attached.policyArn())),
                            "NoSuchEntity"));
            iam.listInstanceProfilesForRolePaginator(r -> r.roleName(role)).instanceProfiles().forEach(profile ->
                    AwsCalls.ignoring(() -> iam.removeRoleFromInstanceProfile(r -> r.roleName(role)
                            .instanceProfileName(profile.instanceProfileName())), "NoSuchEntity"));
            iam.deleteRole(r -> r.roleName(role));
        } catch (IamException e) {
            if (!AwsCalls.hasCode(e, "NoSuchEntity")) {
                throw e;
            }
        }
    }

    @Override
    public String cloudId(State live) {
        return live.name();
    }


    /** GetRole; empty when it is gone (deleted between list and get). */
    private Optional<Role> getRole(String name) {
        try {
            return Optional.of(iam.getRole(r -> r.roleName(name)).role());
        } catch (IamException e) {
            if (AwsCalls.hasCode(e, "NoSuchEntity")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static State state(Role role) {
        String boundary = role.permissionsBoundary() == null ? null : role.permissionsBoundary().permissionsBoundaryArn();
        return new State(role.roleName(), role.arn(), role.path(), PolicyJson.decode(role.assumeRolePolicyDocument()),
                boundary, IamTags.toMap(role.tags()));
    }

    private static State state(RoleDetail role) {
        String boundary = role.permissionsBoundary() == null ? null : role.permissionsBoundary().permissionsBoundaryArn();
        return new State(role.roleName(), role.arn(), role.path(), PolicyJson.decode(role.assumeRolePolicyDocument()),
                boundary, IamTags.toMap(role.tags()));
    }
}
