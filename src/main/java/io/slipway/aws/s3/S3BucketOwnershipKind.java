package io.slipway.aws.s3;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;

import java.util.Optional;

/**
 * The bucket's object ownership: GetBucketOwnershipControls, PutBucketOwnershipControls (BucketOwnerEnforced: ACLs
 * off), DeleteBucketOwnershipControls.
 */
public final class S3BucketOwnershipKind extends S3BucketSettingKind<S3BucketOwnershipSpec> {
    public static final String NAME = "S3BucketOwnership";
    static final String NOT_FOUND = "OwnershipControlsNotFoundError";
    static final String ENFORCED = ObjectOwnership.BUCKET_OWNER_ENFORCED.toString();

    public S3BucketOwnershipKind(S3Client s3) {
        super(s3);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<S3BucketOwnershipSpec> specType() {
        return S3BucketOwnershipSpec.class;
    }

    @Override
    String field() {
        return "objectOwnership";
    }

    @Override
    Optional<String> read(String bucket) {
        return readOrEmpty(NOT_FOUND, () -> s3.getBucketOwnershipControls(r -> r.bucket(bucket)).ownershipControls()
                .rules().stream().findFirst().map(rule -> rule.objectOwnershipAsString()).orElse(null));
    }

    @Override
    void put(String bucket, S3BucketOwnershipSpec desired) {
        s3.putBucketOwnershipControls(r -> r.bucket(bucket)
                .ownershipControls(o -> o.rules(rule -> rule.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
    }

    @Override
    void remove(String bucket) {
        s3.deleteBucketOwnershipControls(r -> r.bucket(bucket));
    }
}
