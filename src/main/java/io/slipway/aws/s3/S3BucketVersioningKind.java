package io.slipway.aws.s3;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import java.util.Optional;

/**
 * The bucket's versioning: GetBucketVersioning (no status: never versioned), PutBucketVersioning. Versioning can
 * only be suspended, never taken off: that is what a delete does.
 */
public final class S3BucketVersioningKind extends S3BucketSettingKind<S3BucketVersioningSpec> {
    public static final String NAME = "S3BucketVersioning";
    static final String ENABLED = BucketVersioningStatus.ENABLED.toString();

    public S3BucketVersioningKind(S3Client s3) {
        super(s3);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<S3BucketVersioningSpec> specType() {
        return S3BucketVersioningSpec.class;
    }

    @Override
    String field() {
        return "versioning";
    }

    @Override
    Optional<String> read(String bucket) {
        return Optional.ofNullable(s3.getBucketVersioning(r -> r.bucket(bucket)).statusAsString());
    }

    @Override
    void put(String bucket, S3BucketVersioningSpec desired) {
        s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }

    @Override
    void remove(String bucket) {
        s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    }
}
