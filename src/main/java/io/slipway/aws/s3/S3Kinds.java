package io.slipway.aws.s3;

import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The S3 kinds of the bootstrap store, in find order. */
public final class S3Kinds {
    private S3Kinds() {
    }

    /**
     * {@code stateStoreBucket}: the operator's setting {@code slipway.state-store.bucket} (empty: each cluster has a
     * bucket of its own); a cluster's teardown empties its prefix there. {@code accountId}: the account {@code s3}
     * acts in (a bucket's expected owner).
     */
    public static List<ResourceKind<?, ?>> list(S3Client s3, Supplier<String> accountId, Optional<String> stateStoreBucket) {
        return List.of(new S3BucketKind(s3, accountId), new S3BucketEncryptionKind(s3), new S3PublicAccessBlockKind(s3),
                new S3BucketVersioningKind(s3), new S3BucketOwnershipKind(s3), new S3ObjectKind(s3, stateStoreBucket));
    }
}
