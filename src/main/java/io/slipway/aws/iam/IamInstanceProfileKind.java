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
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Instance profile: CreateInstanceProfile with tags. The role in it is a resource of its own
 * ({@link IamInstanceProfileRoleKind}). Found with one ListInstanceProfiles (per page) of the owner's IAM path: that
 * listing carries no tags on AWS, so a profile is the owner's when it is at the owner's path, whose last element is
 * the owner's scope ({@link IamPaths}); its logical id is the desired one of that name. Tags are given at creation and
 * not compared afterwards (reading them would cost a GetInstanceProfile per profile).
 */
public final class IamInstanceProfileKind implements ResourceKind<IamInstanceProfileSpec, IamInstanceProfileKind.State> {
    public static final String NAME = "IamInstanceProfile";
    /** Output: the profile's name (what a launch template names). */
    public static final String PROFILE_NAME = "profileName";
    /** Output: the profile's ARN. */
    public static final String ARN = "arn";

    public record State(String name, String arn, String path) implements Outputs {

        @Override
        public Map<String, String> outputs() {
            return Map.of(PROFILE_NAME, name, ARN, arn);
        }
    }

    /** The logical id of a profile at the owner's path that the graph does not name (so it is deleted). */
    static final String UNDESIRED = "iam/instanceprofile/undesired:";

    private final IamClient iam;

    public IamInstanceProfileKind(IamClient iam) {
        this.iam = iam;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<IamInstanceProfileSpec> specType() {
        return IamInstanceProfileSpec.class;
    }

    /** The owner's instance profiles, as one read that the finds of a plan share (the profiles and their roles). */
    record Profiles(List<InstanceProfile> profiles) {
    }

    static List<InstanceProfile> profiles(IamClient iam, FindContext<?> context) {
        String path = IamPaths.ofOwner(context.owner());
        return context.shared("iam:ListInstanceProfiles:" + path, Profiles.class, () -> new Profiles(
                iam.listInstanceProfilesPaginator(r -> r.pathPrefix(path)).instanceProfiles().stream().toList())).profiles();
    }

    @Override
    public List<LiveResource<State>> find(FindContext<IamInstanceProfileSpec> context) {
        Owner owner = context.owner();
        Map<String, String> desiredIds = new HashMap<>();
        context.desired().forEach(d -> desiredIds.put(d.spec().profileName(), d.logicalId()));
        List<LiveResource<State>> found = new ArrayList<>();
        for (InstanceProfile profile : profiles(iam, context)) {
            // moto ignores PathPrefix here: the path is checked in any case
            if (IamPaths.owns(owner, profile.path())) {
                String logicalId = desiredIds.getOrDefault(profile.instanceProfileName(), UNDESIRED + profile.instanceProfileName());
                found.add(new LiveResource<>(NAME, logicalId, profile.instanceProfileName(), state(profile), true));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(IamInstanceProfileSpec desired, State live, Refs refs) {
        return new Diff(refs).immutableField("path", desired.path(), live.path()).changes();
    }

    @Override
    public State create(Owner owner, String logicalId, IamInstanceProfileSpec desired, Refs refs) {
        try {
            InstanceProfile profile = iam.createInstanceProfile(r -> r.instanceProfileName(desired.profileName())
                    .path(desired.path()).tags(IamTags.forCreate(desired.tags(), owner, logicalId))).instanceProfile();
            return state(profile);
        } catch (EntityAlreadyExistsException taken) {
            // a retried create whose first answer was lost, or a crash after it: ours if it carries our marks
            return get(desired.profileName())
                    .filter(p -> OwnershipTags.ownedLogicalId(IamTags.toMap(p.tags()), owner).orElse("").equals(logicalId))
                    .map(IamInstanceProfileKind::state)
                    .orElseThrow(() -> taken);
        }
    }

    /** Nothing of a profile is mutable (the path is immutable, the role is its own resource). */
    @Override
    public State update(String logicalId, IamInstanceProfileSpec desired, State live, List<FieldChange> changes, Refs refs) {
        return live;
    }

    @Override
    public void delete(State live) {
        try {
            // IAM deletes no profile that holds a role: whatever role is in it (one put there by hand included)
            for (String role : get(live.name()).map(IamInstanceProfileKind::roles).orElse(List.of())) {
                AwsCalls.ignoring(() -> iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName(live.name()).roleName(role)),
                        "NoSuchEntity");
            }
            iam.deleteInstanceProfile(r -> r.instanceProfileName(live.name()));
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

    private Optional<InstanceProfile> get(String name) {
        try {
            return Optional.of(iam.getInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile());
        } catch (IamException e) {
            if (AwsCalls.hasCode(e, "NoSuchEntity")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static State state(InstanceProfile profile) {
        return new State(profile.instanceProfileName(), profile.arn(), profile.path());
    }

    static List<String> roles(InstanceProfile profile) {
        return profile.hasRoles() ? profile.roles().stream().map(Role::roleName).sorted().toList() : List.of();
    }
}
