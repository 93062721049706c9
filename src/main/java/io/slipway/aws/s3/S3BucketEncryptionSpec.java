package io.slipway.aws.s3;

import io.slipway.cloud.Ref;

import java.util.Objects;

/** The bucket's default server-side encryption. */
public record S3BucketEncryptionSpec(Ref bucket, S3BucketSpec.Encryption encryption) implements S3BucketSettingSpec {
    public S3BucketEncryptionSpec {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(encryption, "encryption");
    }

    @Override
    public String value() {
        return encryption.toString();
    }

    @Override
    public String kind() {
        return S3BucketEncryptionKind.NAME;
    }
}
