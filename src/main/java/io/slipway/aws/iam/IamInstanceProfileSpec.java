package io.slipway.aws.iam;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An instance profile under its owner's IAM path; the role it holds is an {@link IamInstanceProfileRoleSpec}. */
public record IamInstanceProfileSpec(String profileName, String path, Map<String, String> tags) implements ResourceSpec {
    public IamInstanceProfileSpec {
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(path, "path");
        tags = IamTags.sorted(tags);
    }

    @Override
    public String kind() {
        return IamInstanceProfileKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of();
    }
}
