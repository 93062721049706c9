package io.slipway.model;

import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.s3.S3BucketEncryptionSpec;
import io.slipway.aws.s3.S3BucketKind;
import io.slipway.aws.s3.S3BucketOwnershipSpec;
import io.slipway.aws.s3.S3BucketVersioningSpec;
import io.slipway.aws.s3.S3PublicAccessBlockSpec;
import io.slipway.aws.s3.S3BucketSpec;
import io.slipway.aws.s3.S3ObjectKind;
import io.slipway.aws.s3.S3ObjectSpec;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Ref;
import io.slipway.cloud.SecretBytes;

import java.util.Map;
import java.util.TreeMap;

/**
 * The bootstrap store: the cluster's bucket with its settings as resources of their own (encryption, public access
 * blocked, versioning, ACLs off: one call each to create), or
 * the operator's state-store bucket (shared: must exist, never changed), and one object per instance-group role
 * that has bootstrap content, at {@link BootstrapStoreLayout#objectKey}, encrypted with SSE-S3. While that content is
 * still being made, the objects are left as they are.
 */
public final class BootstrapStoreModel {
    public static final String BUCKET = "s3/bucket";
    public static final String BUCKET_ENCRYPTION = "s3/bucket/encryption";
    public static final String BUCKET_PUBLIC_ACCESS_BLOCK = "s3/bucket/public-access-block";
    public static final String BUCKET_VERSIONING = "s3/bucket/versioning";
    public static final String BUCKET_OWNERSHIP = "s3/bucket/ownership";

    private BootstrapStoreModel() {
    }

    /** {@code s3/object/<role folder>}, e.g. {@code s3/object/node}. */
    public static String object(InstanceGroupRole role) {
        return "s3/object/" + BootstrapStoreLayout.folderName(role);
    }

    public static void addTo(DesiredGraph.Builder graph, Cluster cluster, ClusterInputs inputs) {
        BootstrapStoreLayout store = inputs.store();
        ClusterTags tags = new ClusterTags(AwsNames.of(cluster), cluster.getSpec().cloudLabels);
        Ref bucket = Ref.output(BUCKET, S3BucketKind.BUCKET_NAME);
        if (store.sharedBucket()) {
            graph.shared(BUCKET, S3BucketSpec.shared(store.bucket(), inputs.partition()));
        } else {
            graph.managed(BUCKET, S3BucketSpec.managed(store.bucket(), inputs.partition(), tags.forResource(BUCKET),
                    store.bootstrapFolder()));
            graph.managed(BUCKET_ENCRYPTION, new S3BucketEncryptionSpec(bucket, S3BucketSpec.Encryption.sseS3()));
            graph.managed(BUCKET_PUBLIC_ACCESS_BLOCK, new S3PublicAccessBlockSpec(bucket));
            graph.managed(BUCKET_VERSIONING, new S3BucketVersioningSpec(bucket));
            graph.managed(BUCKET_OWNERSHIP, new S3BucketOwnershipSpec(bucket));
        }
        if (inputs.bootstrapContentPending()) {
            graph.leaveAlone(S3ObjectKind.NAME); // never delete or empty an object because its content is not made yet
            return;
        }
        String ownedPrefix = store.bootstrapFolder();
        for (Map.Entry<InstanceGroupRole, SecretBytes> entry : new TreeMap<>(inputs.bootstrapContent()).entrySet()) {
            String logicalId = object(entry.getKey());
            graph.managed(logicalId, new S3ObjectSpec(bucket, store.objectKey(entry.getKey()), ownedPrefix,
                    entry.getValue(), S3BucketSpec.Encryption.sseS3(), objectTags(tags.forResource(logicalId))));
        }
    }

    /** S3 allows at most 10 tags on an object: the Name and Kubernetes cluster tags, not every cloud label. */
    private static Map<String, String> objectTags(Map<String, String> all) {
        Map<String, String> tags = new TreeMap<>();
        all.forEach((key, value) -> {
            if (key.equals("Name") || key.startsWith(AwsNames.CLUSTER_TAG_PREFIX)) {
                tags.put(key, value);
            }
        });
        return tags;
    }
}
