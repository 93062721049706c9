package io.slipway.aws.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.aws.AwsCallCounter;
import io.slipway.testing.Boto3Inventory;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.cloud.TeardownResult;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash at every step of creating the store: for k = 1..N (N = mutating calls of a clean create) the process "dies"
 * after k mutating calls; a fresh engine then converges with exactly one bucket, set up in full, and one version of
 * each object, read back with boto3. k = 1 is the crash between CreateBucket and PutBucketTagging (moto drops the
 * tags CreateBucket carries), which leaves an untagged bucket: both a resumed plan and a teardown must find it.
 */
class S3CrashTest {

    @Test
    void aFreshEngineConvergesAfterACrashAtEveryStep() {
        MotoServer moto = MotoServer.get();
        URI endpoint = moto.endpoint();

        moto.reset();
        SimpleMeterRegistry cleanRun = new SimpleMeterRegistry();
        try (S3Store clean = S3Store.own(cleanRun)) {
            Engine engine = clean.engine();
            assertThat(engine.apply(engine.plan(clean.graph())).isComplete()).isTrue();
        }
        int n = (int) AwsCallCounter.mutating(cleanRun);
        // CreateBucket, PutBucketTagging (moto drops the tags of CreateBucket), then one call per setting resource
        // (PutBucketEncryption, PutPublicAccessBlock, PutBucketVersioning, PutBucketOwnershipControls), 2 PutObject
        assertThat(n).isEqualTo(8);

        List<String> matrix = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            moto.reset();
            FaultInjector crash = new FaultInjector(k).crashAfterMutatingCalls(k);
            try (S3Store dying = S3Store.withFaults(new SimpleMeterRegistry(), crash)) {
                Engine engine = dying.engine();
                engine.apply(engine.plan(dying.graph()));
            }
            assertThat(crash.crashed()).as("k=%d crashed", k).isEqualTo(k < n);

            SimpleMeterRegistry resumeCalls = new SimpleMeterRegistry();
            try (S3Store fresh = S3Store.own(resumeCalls)) {
                Engine engine = fresh.engine();
                Plan resume = engine.plan(fresh.graph());
                ApplyResult result = engine.apply(resume);
                assertThat(result.isComplete()).as("k=%d: %s", k, result).isTrue();
                assertThat(engine.plan(fresh.graph()).isConverged()).as("k=%d converged", k).isTrue();
                assertThat(fresh.s3().listBuckets().buckets()).as("k=%d buckets", k).hasSize(1);
                matrix.add(String.format("k=%d resumed with %d changes (%d mutating calls)", k, resume.pending().size(),
                        AwsCallCounter.mutating(resumeCalls)));
            }
            JsonNode bucket = Boto3Inventory.bucket(endpoint, S3Store.BUCKET, "");
            assertThat(bucket.path("tags").path("slipway.io/cluster").asText()).as("k=%d", k).isEqualTo(S3Store.OWNER);
            assertThat(bucket.path("versioning").asText()).as("k=%d", k).isEqualTo("Enabled");
            assertThat(bucket.path("encryption").path("SSEAlgorithm").asText()).as("k=%d", k).isEqualTo("AES256");
            assertThat(bucket.path("publicAccessBlock").path("BlockPublicPolicy").asBoolean()).as("k=%d", k).isTrue();
            assertThat(bucket.path("ownership").asText()).as("k=%d", k).isEqualTo("BucketOwnerEnforced");
            assertThat(S3BootstrapStoreTest.fieldNames(bucket.path("objects"))).as("k=%d", k)
                    .containsExactlyInAnyOrderElementsOf(S3Store.keys());
            assertThat(bucket.path("versions")).as("k=%d one version per object", k).hasSize(2);
        }
        System.out.println("Crash matrix, bootstrap store (bucket + 2 objects), N=" + n + " mutating calls:");
        matrix.forEach(System.out::println);
    }

    @Test
    void aCrashBetweenCreateBucketAndItsTaggingStillLeavesNothingAfterATeardown() {
        MotoServer moto = MotoServer.get();
        moto.reset();
        FaultInjector crash = new FaultInjector(1).crashAfterMutatingCalls(1);
        try (S3Store dying = S3Store.withFaults(new SimpleMeterRegistry(), crash)) {
            Engine engine = dying.engine();
            engine.apply(engine.plan(dying.graph()));
        }
        assertThat(crash.crashed()).isTrue();
        JsonNode untagged = Boto3Inventory.bucket(moto.endpoint(), S3Store.BUCKET, "");
        assertThat(untagged.path("exists").asBoolean()).isTrue();
        assertThat(untagged.path("tags").isNull()).as("moto dropped the tags of CreateBucket").isTrue();

        try (S3Store fresh = S3Store.own(new SimpleMeterRegistry())) {
            TeardownResult result = fresh.engine().deleteAllOwned(S3Store.owner().everyScope());
            assertThat(result.isComplete()).as(result.toString()).isTrue();
            assertThat(result.deleted()).hasSize(1);
            assertThat(fresh.s3().listBuckets().buckets()).isEmpty();
        }
    }
}
