package io.slipway.aws.s3;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

import java.util.List;
import java.util.Optional;

/** The bucket's default encryption: GetBucketEncryption, PutBucketEncryption, DeleteBucketEncryption. */
public final class S3BucketEncryptionKind extends S3BucketSettingKind<S3BucketEncryptionSpec> {
    public static final String NAME = "S3BucketEncryption";
    static final String NOT_FOUND = "ServerSideEncryptionConfigurationNotFoundError";

    public S3BucketEncryptionKind(S3Client s3) {
        super(s3);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<S3BucketEncryptionSpec> specType() {
        return S3BucketEncryptionSpec.class;
    }

    @Override
    String field() {
        return "encryption";
    }

    @Override
    Optional<String> read(String bucket) {
        return readOrEmpty(NOT_FOUND, () -> {
            List<ServerSideEncryptionRule> rules = s3.getBucketEncryption(r -> r.bucket(bucket))
                    .serverSideEncryptionConfiguration().rules();
            if (rules.isEmpty() || rules.get(0).applyServerSideEncryptionByDefault() == null) {
                return null;
            }
            ServerSideEncryptionByDefault sse = rules.get(0).applyServerSideEncryptionByDefault();
            return new S3BucketSpec.Encryption(sse.sseAlgorithmAsString(), sse.kmsMasterKeyID()).toString();
        });
    }

    @Override
    void put(String bucket, S3BucketEncryptionSpec desired) {
        S3BucketSpec.Encryption encryption = desired.encryption();
        s3.putBucketEncryption(r -> r.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(rule -> rule
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(encryption.algorithm())
                        .kmsMasterKeyID(encryption.kmsKeyId()))
                .bucketKeyEnabled(encryption.isKms() ? Boolean.TRUE : null))));
    }

    @Override
    void remove(String bucket) {
        s3.deleteBucketEncryption(r -> r.bucket(bucket));
    }
}
