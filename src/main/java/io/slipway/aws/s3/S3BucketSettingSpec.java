package io.slipway.aws.s3;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;

/**
 * One setting of a managed bucket, a resource of its own (as kops' tasks and Terraform's aws_s3_bucket_* resources
 * model them): created by one Put call, found by one Get call per bucket, put back when changed outside Slipway.
 */
public interface S3BucketSettingSpec extends ResourceSpec {
    /** {@code Ref.output(bucketId, S3BucketKind.BUCKET_NAME)}. */
    Ref bucket();

    /** The setting as {@link S3BucketSettingKind#read} describes it, for the diff. */
    String value();

    @Override
    default List<Ref> references() {
        return List.of(bucket());
    }
}
