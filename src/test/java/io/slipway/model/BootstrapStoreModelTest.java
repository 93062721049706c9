package io.slipway.model;

import io.slipway.api.BootstrapStoreStatus;
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
import io.slipway.cloud.Lifecycle;
import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceState;
import io.slipway.cloud.SecretBytes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapStoreModelTest {
    private static final Cluster CLUSTER = TestClusters.threeZonePrivate("prod", "demo");
    private static final AwsNames NAMES = AwsNames.of(CLUSTER);
    private static final SecretBytes NODE = SecretBytes.of("node-token-s3cr3t");

    private static DesiredGraph graph(BootstrapStoreLayout layout, Map<InstanceGroupRole, SecretBytes> content) {
        DesiredGraph.Builder graph = DesiredGraph.builder(Owners.cluster(CLUSTER));
        BootstrapStoreModel.addTo(graph, CLUSTER, new ClusterInputs("123456789012", "aws-cn", layout, content.keySet(), content));
        return graph.build();
    }

    @Test
    void aBucketOfItsOwnWithSseS3AndOneObjectPerRoleWithContent() {
        BootstrapStoreLayout layout = BootstrapStoreLayout.ownBucket(NAMES, "123456789012");
        DesiredGraph graph = graph(layout, Map.of(InstanceGroupRole.Node, NODE));

        S3BucketSpec bucket = (S3BucketSpec) graph.get("s3/bucket").orElseThrow().spec();
        assertThat(graph.get("s3/bucket").orElseThrow().lifecycle()).isEqualTo(Lifecycle.MANAGED);
        assertThat(bucket.name()).isEqualTo(NAMES.bootstrapBucket("123456789012"));
        // each setting its own resource on the bucket: one call each to create
        Ref bucketName = Ref.output("s3/bucket", S3BucketKind.BUCKET_NAME);
        assertThat(graph.get("s3/bucket/encryption").orElseThrow().spec())
                .isEqualTo(new S3BucketEncryptionSpec(bucketName, S3BucketSpec.Encryption.sseS3()));
        assertThat(graph.get("s3/bucket/public-access-block").orElseThrow().spec()).isEqualTo(new S3PublicAccessBlockSpec(bucketName));
        assertThat(graph.get("s3/bucket/versioning").orElseThrow().spec()).isEqualTo(new S3BucketVersioningSpec(bucketName));
        assertThat(graph.get("s3/bucket/ownership").orElseThrow().spec()).isEqualTo(new S3BucketOwnershipSpec(bucketName));
        assertThat(graph.get("s3/bucket/versioning").orElseThrow().dependencies()).containsExactly("s3/bucket");
        assertThat(bucket.partition()).isEqualTo("aws-cn");
        assertThat(bucket.tags()).containsEntry("Name", "prod/demo/s3/bucket").containsEntry("team", "platform")
                .containsEntry("kubernetes.io/cluster/demo", "owned");
        assertThat(bucket.objectPrefix()).isEqualTo("bootstrap/");

        assertThat(graph.ofKind(S3ObjectKind.NAME)).singleElement().satisfies(d -> {
            S3ObjectSpec object = (S3ObjectSpec) d.spec();
            assertThat(d.logicalId()).isEqualTo("s3/object/node");
            assertThat(object.key()).isEqualTo("bootstrap/node/bootstrap.json");
            assertThat(object.bucket()).isEqualTo(Ref.output("s3/bucket", S3BucketKind.BUCKET_NAME));
            assertThat(object.content()).isEqualTo(NODE);
            assertThat(object.tags()).containsOnlyKeys("Name", "kubernetes.io/cluster/demo");
            assertThat(d.dependencies()).containsExactly("s3/bucket");
            assertThat(object.toString()).doesNotContain("s3cr3t").contains(NODE.sha256());
        });
        assertThat(graph.fingerprint()).isNotEqualTo(graph(layout, Map.of(InstanceGroupRole.Node, SecretBytes.of("other"))).fingerprint());
    }

    @Test
    void aStateStoreBucketIsSharedAndObjectsLiveUnderTheClusterPrefix() {
        BootstrapStoreLayout layout = BootstrapStoreLayout.stateStore("team-state", NAMES);
        DesiredGraph graph = graph(layout, Map.of(InstanceGroupRole.Node, NODE, InstanceGroupRole.ControlPlane,
                SecretBytes.of("cp")));

        assertThat(graph.get("s3/bucket").orElseThrow().lifecycle()).isEqualTo(Lifecycle.SHARED);
        assertThat(((S3BucketSpec) graph.get("s3/bucket").orElseThrow().spec()).isShared()).isTrue();
        // a shared bucket's settings are its owner's business
        assertThat(graph.get("s3/bucket/encryption")).isEmpty();
        assertThat(graph.get("s3/bucket/versioning")).isEmpty();
        assertThat(graph.ofKind(S3ObjectKind.NAME)).extracting(d -> ((S3ObjectSpec) d.spec()).key())
                .containsExactlyInAnyOrder("prod/demo/bootstrap/node/bootstrap.json",
                        "prod/demo/bootstrap/control-plane/bootstrap.json");
        assertThat(graph.ofKind(S3ObjectKind.NAME)).extracting(d -> ((S3ObjectSpec) d.spec()).ownedPrefix())
                .containsOnly("prod/demo/bootstrap/");
    }

    @Test
    void noContentNoObjects() {
        DesiredGraph graph = graph(BootstrapStoreLayout.ownBucket(NAMES, "123456789012"), Map.of());
        // the bucket and its four settings
        assertThat(graph.size()).isEqualTo(5);
        assertThat(graph.ofKind(S3ObjectKind.NAME)).isEmpty();
    }

    @Test
    void statusNamesBucketPrefixAndTheObjectsThatExistNeverTheirContent() {
        BootstrapStoreLayout layout = BootstrapStoreLayout.stateStore("team-state", NAMES);
        List<ResourceState> resources = List.of(
                new ResourceState(S3BucketKind.NAME, "s3/bucket", "team-state", false, true, Map.of()),
                new ResourceState(S3ObjectKind.NAME, "s3/object/node", "team-state/prod/demo/bootstrap/node/bootstrap.json",
                        true, true, Map.of(S3ObjectKind.KEY, "prod/demo/bootstrap/node/bootstrap.json")));

        BootstrapStoreStatus status = BootstrapStoreStatusMapper.store(layout, resources);

        assertThat(status.bucket).isEqualTo("team-state");
        assertThat(status.sharedBucket).isTrue();
        assertThat(status.prefix).isEqualTo("prod/demo/");
        assertThat(status.objectKeys).containsExactly("prod/demo/bootstrap/node/bootstrap.json");

        BootstrapStoreStatus nothingYet = BootstrapStoreStatusMapper.store(
                BootstrapStoreLayout.ownBucket(NAMES, "123456789012"), List.of());
        assertThat(nothingYet.bucket).isNull();
        assertThat(nothingYet.objectKeys).isEmpty();
        assertThat(Set.of(nothingYet.prefix)).containsExactly("");
    }
}
