package io.slipway.aws.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.BootstrapStoreStatus;
import io.slipway.aws.AwsCallCounter;
import io.slipway.aws.AwsCalls;
import io.slipway.testing.Boto3Inventory;
import io.slipway.cloud.Action;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Change;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Plan;
import io.slipway.cloud.PlanningException;
import io.slipway.cloud.TeardownResult;
import io.slipway.model.BootstrapStoreModel;
import io.slipway.model.BootstrapStoreStatusMapper;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bootstrap store against moto, checked by an independent boto3 read (hack/aws-inventory.py). */
@ExtendWith(MotoExtension.class)
class S3BootstrapStoreTest {
    private S3Store store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private Engine converged(S3Store s) {
        Engine engine = s.engine();
        ApplyResult result = engine.apply(engine.plan(s.graph()));
        assertThat(result.isComplete()).as(result.toString()).isTrue();
        return engine;
    }

    @Test
    void createsAnEncryptedPrivateVersionedBucketAndOneObjectPerRoleThenConverges(MeterRegistry registry, URI moto) {
        store = S3Store.own(registry);
        Engine engine = converged(store);

        JsonNode bucket = Boto3Inventory.bucket(moto, S3Store.BUCKET, "");
        assertThat(bucket.path("exists").asBoolean()).isTrue();
        assertThat(bucket.path("encryption").path("SSEAlgorithm").asText()).isEqualTo("AES256");
        JsonNode blocked = bucket.path("publicAccessBlock");
        assertThat(List.of(blocked.path("BlockPublicAcls").asBoolean(), blocked.path("IgnorePublicAcls").asBoolean(),
                blocked.path("BlockPublicPolicy").asBoolean(), blocked.path("RestrictPublicBuckets").asBoolean()))
                .containsOnly(true);
        assertThat(bucket.path("versioning").asText()).isEqualTo("Enabled");
        assertThat(bucket.path("ownership").asText()).isEqualTo("BucketOwnerEnforced");
        assertThat(bucket.path("tags").path("slipway.io/cluster").asText()).isEqualTo(S3Store.OWNER);
        assertThat(bucket.path("tags").path("slipway.io/owner").asText()).isEqualTo(Owner.CLUSTER_SCOPE);
        assertThat(bucket.path("tags").path("slipway.io/resource").asText()).isEqualTo(BootstrapStoreModel.BUCKET);
        assertThat(bucket.path("tags").path("team").asText()).isEqualTo("platform");

        JsonNode objects = bucket.path("objects");
        assertThat(fieldNames(objects)).containsExactlyInAnyOrderElementsOf(S3Store.keys());
        JsonNode node = objects.path("bootstrap/node/bootstrap.json");
        assertThat(node.path("sse").asText()).isEqualTo("AES256");
        assertThat(node.path("metadata").path("sha256").asText()).isEqualTo(S3Store.NODE.sha256());
        assertThat(node.path("tags").path("slipway.io/cluster").asText()).isEqualTo(S3Store.OWNER);
        assertThat(node.path("tags").path("slipway.io/resource").asText()).isEqualTo("s3/object/node");
        assertThat(objects.path("bootstrap/control-plane/bootstrap.json").path("metadata").path("sha256").asText())
                .isEqualTo(S3Store.CONTROL_PLANE.sha256());
        assertThat(bucket.path("versions")).hasSize(2);

        JsonNode tagged = Boto3Inventory.tagged(moto, S3Store.OWNER);
        assertThat(tagged.path("s3-bucket")).hasSize(1);

        Plan again = engine.plan(store.graph());
        assertThat(again.isConverged()).as(again.toString()).isTrue();
        BootstrapStoreStatus status = BootstrapStoreStatusMapper.store(store.layout(), again.resources());
        assertThat(status.bucket).isEqualTo(S3Store.BUCKET);
        assertThat(status.prefix).isEmpty();
        assertThat(status.sharedBucket).isFalse();
        assertThat(status.objectKeys).containsExactly("bootstrap/control-plane/bootstrap.json", "bootstrap/node/bootstrap.json");
    }

    @Test
    void findOfAConvergedStoreIsSixReadsWhateverTheObjectsAndPlanOnlyWritesNothing(URI moto) {
        SimpleMeterRegistry planOnly = new SimpleMeterRegistry();
        try (S3Store fresh = S3Store.own(planOnly)) {
            Plan plan = fresh.engine().plan(fresh.graph());
            // the bucket, its four settings, two objects
            assertThat(plan.pending()).extracting(Change::action).containsOnly(Action.CREATE).hasSize(7);
            assertThat(plan.summary().describe()).startsWith("7 to create");
        }
        assertThat(AwsCallCounter.mutating(planOnly)).isZero();
        // nothing exists yet: GetBucketTagging on the derived name answers NoSuchBucket, free in every account
        assertThat(AwsCallCounter.total(planOnly)).isEqualTo(1);
        assertThat(AwsCallCounter.count(planOnly, "s3", "GetBucketTagging")).isEqualTo(1);
        assertThat(Boto3Inventory.bucket(moto, S3Store.BUCKET, "").path("exists").asBoolean()).isFalse();

        try (S3Store s = S3Store.own(new SimpleMeterRegistry())) {
            converged(s);
        }
        SimpleMeterRegistry steady = new SimpleMeterRegistry();
        try (S3Store s = S3Store.own(steady)) {
            assertThat(s.engine().plan(s.graph()).isConverged()).isTrue();
        }
        assertThat(AwsCallCounter.mutating(steady)).isZero();
        // GetBucketTagging of the derived name, one Get per setting resource (4), one ListObjectVersions for both objects
        assertThat(AwsCallCounter.total(steady)).isEqualTo(6);
        assertThat(AwsCallCounter.count(steady, "s3", "ListBuckets")).isZero();
        assertThat(AwsCallCounter.count(steady, "s3", "ListObjectVersions")).isEqualTo(1);
        assertThat(AwsCallCounter.count(steady, "s3", "GetObject")).isZero();
        assertThat(AwsCallCounter.count(steady, "s3", "HeadObject")).isZero();
    }

    @Test
    void teardownDeletesEveryVersionAndDeleteMarkerThenTheBucket(MeterRegistry registry, URI moto) {
        store = S3Store.own(registry);
        Engine engine = converged(store);
        S3Client console = store.s3();
        // history: an overwritten version, a console delete (a marker) and a stray key
        console.putObject(r -> r.bucket(S3Store.BUCKET).key("bootstrap/node/bootstrap.json"), RequestBody.fromString("v2"));
        console.deleteObject(r -> r.bucket(S3Store.BUCKET).key("bootstrap/control-plane/bootstrap.json"));
        console.putObject(r -> r.bucket(S3Store.BUCKET).key("notes.txt"), RequestBody.fromString("x"));
        JsonNode before = Boto3Inventory.bucket(moto, S3Store.BUCKET, "");
        assertThat(before.path("versions").size() + before.path("deleteMarkers").size()).isEqualTo(5);

        TeardownResult result = engine.deleteAllOwned(S3Store.owner().everyScope());

        assertThat(result.isComplete()).as(result.toString()).isTrue();
        assertThat(Boto3Inventory.bucket(moto, S3Store.BUCKET, "").path("exists").asBoolean()).isFalse();
        assertThat(Boto3Inventory.tagged(moto, S3Store.OWNER).path("s3-bucket")).isEmpty();
        assertThat(console.listBuckets().buckets()).isEmpty();
    }

    @Test
    void aPlanOfAnotherScopeOfTheClusterNeitherFindsNorDeletesTheStore(MeterRegistry registry) {
        store = S3Store.own(registry);
        converged(store);
        Engine engine = store.engine();

        Plan instanceGroup = engine.plan(io.slipway.cloud.DesiredGraph.empty(S3Store.owner().withScope("instancegroup/nodes")));
        assertThat(instanceGroup.pending()).isEmpty();
        ApplyResult applied = engine.apply(instanceGroup);
        assertThat(applied.applied()).isEmpty();

        // the cluster scope's own plan of an empty graph would delete all three: the store is found as the cluster's
        Plan cluster = engine.plan(io.slipway.cloud.DesiredGraph.empty(S3Store.owner()));
        assertThat(cluster.pending()).extracting(Change::action).containsOnly(Action.DELETE).hasSize(3);
        assertThat(engine.plan(store.graph()).isConverged()).isTrue();
    }

    @Test
    void aBucketNameTakenByAnotherAccountIsAClearFatalErrorAndNothingIsCreated(MeterRegistry registry, URI moto) {
        store = S3Store.own(registry);
        S3Client otherAccount = store.s3Of("222222222222");
        otherAccount.createBucket(r -> r.bucket(S3Store.BUCKET));

        Engine engine = store.engine();
        assertThatThrownBy(() -> engine.plan(store.graph()))
                .isInstanceOf(PlanningException.class)
                .satisfies(e -> {
                    assertThat(AwsCalls.code(e.getCause())).isEqualTo("BucketAlreadyExists");
                    assertThat(engine.describe(e)).contains(S3Store.BUCKET)
                            .contains("already taken by another AWS account (which one is not known)");
                });

        assertThat(store.s3().listBuckets().buckets()).isEmpty();
        assertThat(Boto3Inventory.tagged(moto, S3Store.OWNER).path("s3-bucket")).isEmpty();
        assertThat(otherAccount.listObjectVersions(r -> r.bucket(S3Store.BUCKET)).versions()).isEmpty();
        assertThat(otherAccount.getBucketVersioning(r -> r.bucket(S3Store.BUCKET)).status()).isNull();
    }

    @Test
    void anUntaggedBucketOfOurNameHoldingOtherDataIsTakenNotAdopted(MeterRegistry registry) {
        store = S3Store.own(registry);
        S3Client console = store.s3();
        console.createBucket(r -> r.bucket(S3Store.BUCKET));
        console.putObject(r -> r.bucket(S3Store.BUCKET).key("backups/db.tar"), RequestBody.fromString("data"));

        Engine engine = store.engine();
        assertThatThrownBy(() -> engine.plan(store.graph()))
                .satisfies(e -> assertThat(AwsCalls.code(e.getCause())).isEqualTo("BucketAlreadyExists"))
                .satisfies(e -> assertThat(engine.describe(e)).contains("the S3 bucket name " + S3Store.BUCKET + " is already taken by a bucket in this "
                        + "account that carries no Slipway tags and holds objects Slipway did not write; bucket names "
                        + "are global across all AWS accounts: rename the Cluster or its namespace, or configure a "
                        + "state-store bucket (slipway.state-store.bucket)"));
        // the teardown does not take it either
        assertThat(store.engine().deleteAllOwned(S3Store.owner().everyScope()).deleted()).isEmpty();
        assertThat(console.headObject(r -> r.bucket(S3Store.BUCKET).key("backups/db.tar")).contentLength()).isEqualTo(4);
    }

    @Test
    void stateStoreModeWritesUnderTheClusterPrefixAndItsDeleteLeavesTheBucketAndOtherPrefixes(URI moto) {
        String shared = "team-state-store";
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        store = S3Store.stateStore(registry, shared);
        S3Client console = store.s3();
        console.createBucket(r -> r.bucket(shared));
        console.putBucketVersioning(r -> r.bucket(shared).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        console.putObject(r -> r.bucket(shared).key("prod/other/bootstrap/node/bootstrap.json"), RequestBody.fromString("other"));
        console.putObject(r -> r.bucket(shared).key("prod/demo-2/bootstrap/node/bootstrap.json"), RequestBody.fromString("x"));
        console.putObject(r -> r.bucket(shared).key("kops/config"), RequestBody.fromString("y"));
        long consoleWrites = AwsCallCounter.mutating(registry);

        Engine engine = converged(store);
        assertThat(AwsCallCounter.mutating(registry) - consoleWrites).as("two PutObject, nothing else").isEqualTo(2);
        JsonNode mine = Boto3Inventory.bucket(moto, shared, "prod/demo/");
        assertThat(fieldNames(mine.path("objects"))).containsExactlyInAnyOrder(
                "prod/demo/bootstrap/control-plane/bootstrap.json", "prod/demo/bootstrap/node/bootstrap.json");
        Plan again = engine.plan(store.graph());
        assertThat(again.isConverged()).as(again.toString()).isTrue();
        assertThat(BootstrapStoreStatusMapper.store(store.layout(), again.resources()).prefix).isEqualTo("prod/demo/");
        // the shared bucket is never changed: no encryption, tags, public access block or ownership put on it
        JsonNode bucket = Boto3Inventory.bucket(moto, shared, "");
        assertThat(bucket.path("tags").isNull()).as(bucket.toString()).isTrue();
        assertThat(bucket.path("publicAccessBlock").isNull()).isTrue();
        assertThat(AwsCallCounter.count(registry, "s3", "PutObject") - 3).isEqualTo(2);
        // a second version of ours, and a delete marker, must go too
        console.putObject(r -> r.bucket(shared).key("prod/demo/bootstrap/node/bootstrap.json"), RequestBody.fromString("v2"));
        console.deleteObject(r -> r.bucket(shared).key("prod/demo/bootstrap/control-plane/bootstrap.json"));

        TeardownResult result = engine.deleteAllOwned(S3Store.owner().everyScope());

        assertThat(result.isComplete()).as(result.toString()).isTrue();
        JsonNode after = Boto3Inventory.bucket(moto, shared, "");
        assertThat(after.path("exists").asBoolean()).isTrue();
        assertThat(after.path("versioning").asText()).isEqualTo("Enabled");
        List<String> left = new ArrayList<>();
        after.path("versions").forEach(v -> left.add(v.path("key").asText()));
        after.path("deleteMarkers").forEach(v -> left.add(v.path("key").asText()));
        assertThat(left).containsExactlyInAnyOrder("prod/other/bootstrap/node/bootstrap.json",
                "prod/demo-2/bootstrap/node/bootstrap.json", "kops/config");
    }

    @Test
    void aMissingStateStoreBucketIsAPlanErrorAndNothingIsWritten(URI moto) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        store = S3Store.stateStore(registry, "no-such-state-store");
        Engine engine = store.engine();
        Plan plan = engine.plan(store.graph());
        assertThat(plan.errors()).singleElement().satisfies(e -> {
            assertThat(e.logicalId()).isEqualTo(BootstrapStoreModel.BUCKET);
            assertThat(e.message()).contains("shared resource not found");
        });
        ApplyResult result = engine.apply(plan);
        assertThat(result.applied()).isEmpty();
        assertThat(AwsCallCounter.mutating(registry)).isZero();
    }

    @Test
    void aCreateBucketWhoseAnswerIsLostIsRetriedIntoTheSameBucketInTheClusterRegion(MeterRegistry registry) {
        FaultInjector faults = new FaultInjector(7);
        store = S3Store.inRegion("eu-west-1", registry, faults);
        Engine engine = store.engine();
        Plan plan = engine.plan(store.graph());
        // the first call of the apply is CreateBucket: it reaches moto, its answer does not come back; the SDK's
        // retry gets BucketAlreadyOwnedByYou (outside us-east-1), which is this create having succeeded
        faults.failNext(FaultInjector.Fault.LOST_RESPONSE);

        ApplyResult result = engine.apply(plan);

        assertThat(result.isComplete()).as(result.toString()).isTrue();
        assertThat(faults.injected(FaultInjector.Fault.LOST_RESPONSE, "CreateBucket")).isEqualTo(1);
        assertThat(AwsCallCounter.count(registry, "s3", "CreateBucket")).isEqualTo(1);
        assertThat(AwsCallCounter.retries(registry)).isEqualTo(1);
        assertThat(store.s3().getBucketLocation(r -> r.bucket(S3Store.BUCKET)).locationConstraintAsString())
                .isEqualTo("eu-west-1");
        assertThat(store.s3().listBuckets().buckets()).hasSize(1);
        assertThat(engine.plan(store.graph()).isConverged()).isTrue();
    }

    @Test
    void withSseKmsTheObjectIsComparedByItsSha256MetadataWithOneHeadObject(URI moto) {
        S3BucketSpec.Encryption kms = S3BucketSpec.Encryption.kms(null);
        io.slipway.cloud.DesiredGraph graph = io.slipway.cloud.DesiredGraph.builder(S3Store.owner())
                .managed("s3/bucket", S3BucketSpec.managed(S3Store.BUCKET, "aws", java.util.Map.of(), "bootstrap/"))
                .managed("s3/bucket/encryption", new S3BucketEncryptionSpec(io.slipway.cloud.Ref.output("s3/bucket",
                        S3BucketKind.BUCKET_NAME), kms))
                .managed("s3/object/node", new S3ObjectSpec(io.slipway.cloud.Ref.output("s3/bucket", S3BucketKind.BUCKET_NAME),
                        "bootstrap/node/bootstrap.json", "bootstrap/", S3Store.NODE, kms, java.util.Map.of()))
                .build();
        try (S3Store s = S3Store.own(new SimpleMeterRegistry())) {
            Engine engine = s.engine();
            assertThat(engine.apply(engine.plan(graph)).isComplete()).isTrue();
        }
        JsonNode bucket = Boto3Inventory.bucket(moto, S3Store.BUCKET, "");
        assertThat(bucket.path("encryption").path("SSEAlgorithm").asText()).isEqualTo("aws:kms");
        assertThat(bucket.path("objects").path("bootstrap/node/bootstrap.json").path("sse").asText()).isEqualTo("aws:kms");

        SimpleMeterRegistry steady = new SimpleMeterRegistry();
        try (S3Store s = S3Store.own(steady)) {
            assertThat(s.engine().plan(graph).isConverged()).isTrue();
            assertThat(AwsCallCounter.count(steady, "s3", "HeadObject")).isEqualTo(1);
            s.s3().putObject(r -> r.bucket(S3Store.BUCKET).key("bootstrap/node/bootstrap.json")
                    .serverSideEncryption("aws:kms"), RequestBody.fromString("changed"));
            assertThat(s.engine().plan(graph).pending()).singleElement()
                    .satisfies(c -> assertThat(c.fields().get(0).to()).isEqualTo("sha256:" + S3Store.NODE.sha256()));
        }
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
