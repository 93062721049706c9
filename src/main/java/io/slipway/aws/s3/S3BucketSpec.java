package io.slipway.aws.s3;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An S3 bucket. Managed: created with its tags; its settings are resources of their own (S3BucketEncryptionSpec,
 * S3PublicAccessBlockSpec, S3BucketVersioningSpec, S3BucketOwnershipSpec). Shared (an operator's state-store
 * bucket): only {@code name}; it must exist and is never changed or deleted.
 *
 * @param name      the bucket name (global across all accounts)
 * @param partition the ARN partition of the region ({@code aws}, {@code aws-cn}...), for the bucket's ARN output
 * @param tags      the user's and cluster's tags (the ownership tags are added at creation)
 * @param objectPrefix where Slipway writes its objects in the bucket: a bucket of this name that lost its tags is
 *                  still taken as ours when it holds nothing else (see {@link S3BucketKind#find}); null when shared
 */
public record S3BucketSpec(String name, String partition, Map<String, String> tags,
                           String objectPrefix) implements ResourceSpec {
    public S3BucketSpec {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public static S3BucketSpec managed(String name, String partition, Map<String, String> tags, String objectPrefix) {
        return new S3BucketSpec(name, partition, tags, java.util.Objects.requireNonNull(objectPrefix, "objectPrefix"));
    }

    public static S3BucketSpec shared(String name, String partition) {
        return new S3BucketSpec(name, partition, Map.of(), null);
    }

    /** An operator's state-store bucket: never changed. */
    public boolean isShared() {
        return objectPrefix == null;
    }

    @Override
    public String kind() {
        return S3BucketKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of();
    }

    /**
     * Server-side encryption: SSE-S3 ({@code AES256}) or SSE-KMS ({@code aws:kms}, with a key id or alias ARN, or
     * null for the account's AWS managed key).
     */
    public record Encryption(String algorithm, String kmsKeyId) {
        public static final String SSE_S3 = "AES256";
        public static final String SSE_KMS = "aws:kms";

        public static Encryption sseS3() {
            return new Encryption(SSE_S3, null);
        }

        public static Encryption kms(String kmsKeyId) {
            return new Encryption(SSE_KMS, kmsKeyId);
        }

        public boolean isKms() {
            return SSE_KMS.equals(algorithm);
        }

        @Override
        public String toString() {
            return kmsKeyId == null ? algorithm : algorithm + "(" + kmsKeyId + ")";
        }
    }
}
