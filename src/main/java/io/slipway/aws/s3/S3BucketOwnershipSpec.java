package io.slipway.aws.s3;

import io.slipway.cloud.Ref;

import java.util.Objects;

/** The bucket's object ownership: BucketOwnerEnforced (ACLs off). */
public record S3BucketOwnershipSpec(Ref bucket) implements S3BucketSettingSpec {
    public S3BucketOwnershipSpec {
        Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public String value() {
        return S3BucketOwnershipKind.ENFORCED;
    }

    @Override
    public String kind() {
        return S3BucketOwnershipKind.NAME;
    }
}
