package io.slipway.aws.s3;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

import java.util.Optional;

/** The bucket's public access block: GetPublicAccessBlock, PutPublicAccessBlock, DeletePublicAccessBlock. */
public final class S3PublicAccessBlockKind extends S3BucketSettingKind<S3PublicAccessBlockSpec> {
    public static final String NAME = "S3PublicAccessBlock";
    static final String NOT_FOUND = "NoSuchPublicAccessBlockConfiguration";
    static final String ALL_BLOCKED = "all four blocked";

    public S3PublicAccessBlockKind(S3Client s3) {
        super(s3);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<S3PublicAccessBlockSpec> specType() {
        return S3PublicAccessBlockSpec.class;
    }

    @Override
    String field() {
        return "publicAccessBlock";
    }

    @Override
    Optional<String> read(String bucket) {
        return readOrEmpty(NOT_FOUND, () -> describe(s3.getPublicAccessBlock(r -> r.bucket(bucket))
                .publicAccessBlockConfiguration()));
    }

    @Override
    void put(String bucket, S3PublicAccessBlockSpec desired) {
        s3.putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
                .ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
    }

    @Override
    void remove(String bucket) {
        s3.deletePublicAccessBlock(r -> r.bucket(bucket));
    }

    static String describe(PublicAccessBlockConfiguration c) {
        if (Boolean.TRUE.equals(c.blockPublicAcls()) && Boolean.TRUE.equals(c.ignorePublicAcls())
                && Boolean.TRUE.equals(c.blockPublicPolicy()) && Boolean.TRUE.equals(c.restrictPublicBuckets())) {
            return ALL_BLOCKED;
        }
        return "blockPublicAcls=" + c.blockPublicAcls() + ",ignorePublicAcls=" + c.ignorePublicAcls()
                + ",blockPublicPolicy=" + c.blockPublicPolicy() + ",restrictPublicBuckets=" + c.restrictPublicBuckets();
    }
}
