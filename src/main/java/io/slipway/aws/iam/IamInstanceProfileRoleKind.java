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
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.LimitExceededException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A role in an instance profile: AddRoleToInstanceProfile creates it, RemoveRoleFromInstanceProfile deletes it.
 * Found with one ListInstanceProfiles (per page) of the owner's IAM path, which lists each profile's roles. It
 * belongs to the owner when its profile does (found owned by {@link IamInstanceProfileKind}); a role the graph does
 * not put in that profile is taken out. Nothing to update: a different role is another resource.
 */
public final class IamInstanceProfileRoleKind implements ResourceKind<IamInstanceProfileRoleSpec, IamInstanceProfileRoleKind.State> {
    public static final String NAME = "IamInstanceProfileRole";
    /** The logical id of a role in an owned profile that the graph does not put there (so it is taken out). */
    static final String UNDESIRED = "iam/profilerole/undesired:";

    public record State(String profile, String role) {
    }

    private final IamClient iam;

    public IamInstanceProfileRoleKind(IamClient iam) {
        this.iam = iam;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<IamInstanceProfileRoleSpec> specType() {
        return IamInstanceProfileRoleSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(IamRoleKind.NAME, IamInstanceProfileKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<IamInstanceProfileRoleSpec> context) {
        Set<String> ownedProfiles = new HashSet<>();
        context.found(IamInstanceProfileKind.NAME).stream().filter(LiveResource::owned).forEach(p -> ownedProfiles.add(p.cloudId()));
        List<LiveResource<State>> found = new ArrayList<>();
        if (ownedProfiles.isEmpty()) {
            return found;
        }
        Map<String, String> desiredIds = new HashMap<>();
        for (DesiredResource<IamInstanceProfileRoleSpec> desired : context.desired()) {
            context.refs().value(desired.spec().profile()).ifPresent(profile -> context.refs().value(desired.spec().role())
                    .ifPresent(role -> desiredIds.put(cloudId(profile, role), desired.logicalId())));
        }
        for (InstanceProfile profile : IamInstanceProfileKind.profiles(iam, context)) {
            if (!ownedProfiles.contains(profile.instanceProfileName())) {
                continue;
            }
            for (String role : IamInstanceProfileKind.roles(profile)) {
                String cloudId = cloudId(profile.instanceProfileName(), role);
                found.add(new LiveResource<>(NAME, desiredIds.getOrDefault(cloudId, UNDESIRED + cloudId), cloudId,
                        new State(profile.instanceProfileName(), role), true));
            }
        }
        return found;
    }

    /** Found under the cloud id of the desired profile and role: nothing else to compare. */
    @Override
    public List<FieldChange> diff(IamInstanceProfileRoleSpec desired, State live, Refs refs) {
        return List.of();
    }

    @Override
    public State create(Owner owner, String logicalId, IamInstanceProfileRoleSpec desired, Refs refs) {
        String profile = refs.require(desired.profile());
        String role = refs.require(desired.role());
        try {
            iam.addRoleToInstanceProfile(r -> r.instanceProfileName(profile).roleName(role));
        } catch (LimitExceededException full) {
            // the SDK's retry of an add whose answer was lost finds the profile full with our role in it
            boolean added = iam.getInstanceProfile(r -> r.instanceProfileName(profile)).instanceProfile().roles().stream()
                    .anyMatch(r -> r.roleName().equals(role));
            if (!added) {
                throw full;
            }
        }
        return new State(profile, role);
    }

    @Override
    public State update(String logicalId, IamInstanceProfileRoleSpec desired, State live, List<FieldChange> changes, Refs refs) {
        return live;
    }

    @Override
    public void delete(State live) {
        try {
            iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName(live.profile()).roleName(live.role()));
        } catch (IamException e) {
            if (!AwsCalls.hasCode(e, "NoSuchEntity")) {
                throw e;
            }
        }
    }

    @Override
    public String cloudId(State live) {
        return cloudId(live.profile(), live.role());
    }

    /** Its profile and role: deleted after it. */
    @Override
    public Set<String> references(State live) {
        return Set.copyOf(List.of(live.profile(), live.role())); // a profile is named as its role
    }

    private static String cloudId(String profile, String role) {
        return profile + "/" + role;
    }
}
