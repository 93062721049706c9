package io.slipway.aws.s3;

import io.slipway.aws.AwsCalls;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Every version and delete marker under a prefix of a versioned bucket: listing and deleting them. */
final class S3Versions {
    /** DeleteObjects takes at most this many keys a call. */
    private static final int DELETE_BATCH = 1000;

    private S3Versions() {
    }

    /** Pages of ListObjectVersions under {@code prefix}: one call per 1000 versions and markers. */
    static void list(S3Client s3, String bucket, String prefix, Consumer<ListObjectVersionsResponse> page) {
        s3.listObjectVersionsPaginator(r -> r.bucket(bucket).prefix(prefix)).forEach(page);
    }

    /** The ids of every version and delete marker under {@code prefix}. */
    static List<ObjectIdentifier> all(S3Client s3, String bucket, String prefix) {
        List<ObjectIdentifier> ids = new ArrayList<>();
        list(s3, bucket, prefix, page -> {
            for (ObjectVersion version : page.versions()) {
                ids.add(ObjectIdentifier.builder().key(version.key()).versionId(version.versionId()).build());
            }
            for (DeleteMarkerEntry marker : page.deleteMarkers()) {
                ids.add(ObjectIdentifier.builder().key(marker.key()).versionId(marker.versionId()).build());
            }
        });
        return ids;
    }

    /** Deletes every version and delete marker under {@code prefix}; a bucket already gone is a success. */
    static void deleteAll(S3Client s3, String bucket, String prefix) {
        try {
            delete(s3, bucket, all(s3, bucket, prefix));
        } catch (S3Exception e) {
            if (!AwsCalls.hasCode(e, "NoSuchBucket")) {
                throw e;
            }
        }
    }

    /** Deletes these versions (permanently: each carries its version id), in batches. */
    static void delete(S3Client s3, String bucket, List<ObjectIdentifier> ids) {
        for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH));
            DeleteObjectsResponse response = s3.deleteObjects(r -> r.bucket(bucket)
                    .delete(d -> d.objects(batch).quiet(true)));
            List<S3Error> errors = response.errors().stream()
                    .filter(e -> !"NoSuchKey".equals(e.code()) && !"NoSuchVersion".equals(e.code())).toList();
            if (!errors.isEmpty()) {
                // DeleteObjects answers 200 with per-key errors: raise the first as the service error it is
                S3Error first = errors.get(0);
                throw (S3Exception) S3Exception.builder().statusCode(200)
                        .message(first.code() + " deleting " + errors.size() + " object version(s) in " + bucket)
                        .awsErrorDetails(AwsErrorDetails.builder().serviceName("S3").errorCode(first.code())
                                .errorMessage(first.message() + " (" + first.key() + ")").build())
                        .build();
            }
        }
    }
}
