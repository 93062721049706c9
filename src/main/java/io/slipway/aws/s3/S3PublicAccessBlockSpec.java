package io.slipway.aws.s3;

import io.slipway.cloud.Ref;

import java.util.Objects;

/** The bucket's public access block: all four blocks on. */
public record S3PublicAccessBlockSpec(Ref bucket) implements S3BucketSettingSpec {
    public S3PublicAccessBlockSpec {
        Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public String value() {
        return S3PublicAccessBlockKind.ALL_BLOCKED;
    }

    @Override
    public String kind() {
        return S3PublicAccessBlockKind.NAME;
    }
}
