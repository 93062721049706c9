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
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Instance profile: CreateInstanceProfile with tags, then AddRoleToInstanceProfile. Found under the cluster's IAM
 * path: ListInstanceProfiles (one call per page), then GetInstanceProfile per profile found there (the list
 * returns no tags on AWS). A profile holds at most one role; another role found in it is replaced.
 */
public final class IamInstanceProfileKind implements ResourceKind<IamInstanceProfileSpec, IamInstanceProfileKind.State> {
    public static final String NAME = "IamInstanceProfile";
    /** Output: the profile's name (what a launch template names). */
    public static final String PROFILE_NAME = "profileName";
    /** Output: the profile's ARN. */
    public static final String ARN = "arn";

    public record State(String name, String arn, String path, List<String> roles, Map<String, String> tags)
            implements Outputs {
        public State {
            roles = List.copyOf(roles);
            tags = IamTags.sorted(tags);
        }

        @Override
        public Map<String, String> outputs() {
            return Map.of(PROFILE_NAME, name, ARN, arn);
        }
    }

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

    @Override
    public Set<String> findsAfter() {
        return Set.of(IamRoleKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<IamInstanceProfileSpec> context) {
        List<LiveResource<State>> found = new ArrayList<>();
        for (String path : IamPaths.of(context, IamInstanceProfileSpec::path)) {
            for (InstanceProfile listed : iam.listInstanceProfilesPaginator(r -> r.pathPrefix(path)).instanceProfiles()) {
                if (!path.equals(listed.path())) {
                    continue;
                }
                get(listed.instanceProfileName()).ifPresent(profile ->
                        OwnershipTags.ownedLogicalId(IamTags.toMap(profile.tags()), context.owner()).ifPresent(logicalId ->
                                found.add(new LiveResource<>(NAME, logicalId, profile.instanceProfileName(), state(profile), true))));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(IamInstanceProfileSpec desired, State live, Refs refs) {
        return new Diff(refs)
                .immutableField("path", desired.path(), live.path())
                .ref("role", desired.role(), live.roles().isEmpty() ? null : String.join(",", live.roles()))
                .tags(desired.tags(), live.tags())
                .changes();
    }

    @Override
    public State create(Owner owner, String logicalId, IamInstanceProfileSpec desired, Refs refs) {
        String role = refs.require(desired.role());
        State created;
        try {
            InstanceProfile profile = iam.createInstanceProfile(r -> r.instanceProfileName(desired.profileName())
                    .path(desired.path()).tags(IamTags.forCreate(desired.tags(), owner, logicalId))).instanceProfile();
            created = state(profile);
        } catch (EntityAlreadyExistsException taken) {
            // a retried create whose first answer was lost, or a crash after it: ours if it carries our marks
            created = get(desired.profileName())
                    .filter(p -> OwnershipTags.ownedLogicalId(IamTags.toMap(p.tags()), owner).orElse("").equals(logicalId))
                    .map(IamInstanceProfileKind::state)
                    .orElseThrow(() -> taken);
        }
        return withOnly(created, role);
    }

    @Override
    public State update(String logicalId, IamInstanceProfileSpec desired, State live, List<FieldChange> changes, Refs refs) {
        State updated = live;
        if (changes.stream().anyMatch(c -> c.field().equals("role"))) {
            updated = withOnly(live, refs.require(desired.role()));
        }
        Map<String, String> missingTags = IamTags.missing(changes);
        if (!missingTags.isEmpty()) {
            iam.tagInstanceProfile(r -> r.instanceProfileName(live.name()).tags(IamTags.toSdk(missingTags)));
        }
        return new State(updated.name(), updated.arn(), updated.path(), updated.roles(),
                IamTags.merged(updated.tags(), missingTags));
    }

    @Override
    public void delete(State live) {
        try {
            for (String role : get(live.name()).map(IamInstanceProfileKind::state).map(State::roles).orElse(List.of())) {
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

    /** The roles it holds: they are deleted after it. */
    @Override
    public Set<String> references(State live) {
        return Set.copyOf(live.roles());
    }


    /** Makes {@code role} the profile's only role. */
    private State withOnly(State profile, String role) {
        for (String other : profile.roles()) {
            if (!other.equals(role)) {
                AwsCalls.ignoring(() -> iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName(profile.name())
                        .roleName(other)), "NoSuchEntity");
            }
        }
        if (!profile.roles().contains(role)) {
            try {
                iam.addRoleToInstanceProfile(r -> r.instanceProfileName(profile.name()).roleName(role));
            } catch (LimitExceededException full) {
                // the SDK's retry of an add whose answer was lost finds the profile full with our role in it
                boolean added = get(profile.name()).map(p -> state(p).roles().equals(List.of(role))).orElse(false);
                if (!added) {
                    throw full;
                }
            }
        }
        return new State(profile.name(), profile.arn(), profile.path(), List.of(role), profile.tags());
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
        return new State(profile.instanceProfileName(), profile.arn(), profile.path(),
                profile.hasRoles() ? profile.roles().stream().map(Role::roleName).sorted().toList() : List.of(),
                IamTags.toMap(profile.tags()));
    }
}
