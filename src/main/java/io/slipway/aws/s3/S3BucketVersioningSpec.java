package io.slipway.aws.s3;

import io.slipway.cloud.Ref;

import java.util.Objects;

/** The bucket's versioning: enabled. */
public record S3BucketVersioningSpec(Ref bucket) implements S3BucketSettingSpec {
    public S3BucketVersioningSpec {
        Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public String value() {
        return S3BucketVersioningKind.ENABLED;
    }

    @Override
    public String kind() {
        return S3BucketVersioningKind.NAME;
    }
}
