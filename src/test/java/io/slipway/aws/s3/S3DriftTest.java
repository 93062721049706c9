package io.slipway.aws.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.testing.Boto3Inventory;
import io.slipway.cloud.Action;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Change;
import io.slipway.cloud.Engine;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.Plan;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Changes made in the console (boto3 or a raw SDK client) to the bucket and its objects are put back. */
@ExtendWith(MotoExtension.class)
class S3DriftTest {
    private static final String NODE_KEY = "bootstrap/node/bootstrap.json";

    private S3Store store;
    private Engine engine;
    private S3Client console;
    private URI moto;

    @BeforeEach
    void converge(MeterRegistry registry, URI moto) {
        this.moto = moto;
        store = S3Store.own(registry);
        engine = store.engine();
        assertThat(engine.apply(engine.plan(store.graph())).isComplete()).isTrue();
        console = store.s3();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** One reconcile: the plan's changes, applied; then nothing is left to do. */
    private List<Change> reconcile() {
        Plan plan = engine.plan(store.graph());
        ApplyResult result = engine.apply(plan);
        assertThat(result.isComplete()).as(result.toString()).isTrue();
        assertThat(engine.plan(store.graph()).isConverged()).as("converged after one reconcile").isTrue();
        return plan.pending();
    }

    @Test
    void bucketEncryptionPublicAccessVersioningOwnershipAndTagsChangedInTheConsoleArePutBack() {
        console.putBucketEncryption(r -> r.bucket(S3Store.BUCKET).serverSideEncryptionConfiguration(c -> c.rules(rule ->
                rule.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)))));
        console.deletePublicAccessBlock(r -> r.bucket(S3Store.BUCKET));
        console.putBucketVersioning(r -> r.bucket(S3Store.BUCKET)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        console.putBucketOwnershipControls(r -> r.bucket(S3Store.BUCKET)
                .ownershipControls(o -> o.rules(rule -> rule.objectOwnership(ObjectOwnership.OBJECT_WRITER))));
        // the console replaces the whole tag set: Slipway's ownership tags are gone, a tag of the user's is added
        console.putBucketTagging(r -> r.bucket(S3Store.BUCKET).tagging(t -> t.tagSet(s -> s.key("cost-center").value("42"))));

        List<Change> changes = reconcile();

        // each setting is a resource of its own; the bucket itself only gets its tags back
        Map<String, List<String>> fields = new TreeMap<>();
        changes.forEach(c -> fields.put(c.logicalId(), c.fields().stream().map(FieldChange::field).toList()));
        assertThat(fields).containsOnlyKeys("s3/bucket", "s3/bucket/encryption", "s3/bucket/public-access-block",
                "s3/bucket/versioning", "s3/bucket/ownership");
        assertThat(fields.get("s3/bucket")).contains("tags.slipway.io/cluster", "tags.slipway.io/resource", "tags.team");
        assertThat(fields.get("s3/bucket/encryption")).containsExactly("encryption");
        assertThat(fields.get("s3/bucket/versioning")).containsExactly("versioning");
        assertThat(fields.get("s3/bucket/ownership")).containsExactly("objectOwnership");
        // the block deleted in the console is a setting gone: created again, the others are updated
        Map<String, Action> actions = new TreeMap<>();
        changes.forEach(c -> actions.put(c.logicalId(), c.action()));
        assertThat(actions).containsEntry("s3/bucket/public-access-block", Action.CREATE)
                .containsEntry("s3/bucket/versioning", Action.UPDATE).containsEntry("s3/bucket", Action.UPDATE);
        JsonNode bucket = Boto3Inventory.bucket(moto, S3Store.BUCKET, "");
        assertThat(bucket.path("encryption").path("SSEAlgorithm").asText()).isEqualTo("AES256");
        assertThat(bucket.path("publicAccessBlock").path("RestrictPublicBuckets").asBoolean()).isTrue();
        assertThat(bucket.path("publicAccessBlock").path("BlockPublicAcls").asBoolean()).isTrue();
        assertThat(bucket.path("versioning").asText()).isEqualTo("Enabled");
        assertThat(bucket.path("ownership").asText()).isEqualTo("BucketOwnerEnforced");
        assertThat(bucket.path("tags").path("slipway.io/cluster").asText()).isEqualTo(S3Store.OWNER);
        assertThat(bucket.path("tags").path("slipway.io/resource").asText()).isEqualTo("s3/bucket");
        assertThat(bucket.path("tags").path("cost-center").asText()).as("the user's tag is kept").isEqualTo("42");
    }

    @Test
    void anObjectDeletedWithBoto3ComesBack() {
        boto3("s3.delete_object(Bucket='" + S3Store.BUCKET + "', Key='" + NODE_KEY + "')");
        assertThat(Boto3Inventory.bucket(moto, S3Store.BUCKET, "").path("objects").has(NODE_KEY)).isFalse();

        List<Change> changes = reconcile();

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.logicalId()).isEqualTo("s3/object/node");
            assertThat(c.fields()).extracting(FieldChange::toString)
                    .containsExactly("content: (deleted) -> sha256:" + S3Store.NODE.sha256());
        });
        JsonNode node = Boto3Inventory.bucket(moto, S3Store.BUCKET, "").path("objects").path(NODE_KEY);
        assertThat(node.path("metadata").path("sha256").asText()).isEqualTo(S3Store.NODE.sha256());
        assertThat(console.getObjectAsBytes(r -> r.bucket(S3Store.BUCKET).key(NODE_KEY)).asByteArray())
                .isEqualTo(S3Store.NODE.bytes());
    }

    @Test
    void anObjectOverwrittenInTheConsoleIsPutBackAndOnePermanentlyDeletedIsCreatedAgain() {
        console.putObject(r -> r.bucket(S3Store.BUCKET).key(NODE_KEY), RequestBody.fromString("{\"token\":\"stolen\"}"));
        String cp = "bootstrap/control-plane/bootstrap.json";
        console.listObjectVersions(r -> r.bucket(S3Store.BUCKET).prefix(cp)).versions().forEach(v ->
                console.deleteObject(r -> r.bucket(S3Store.BUCKET).key(cp).versionId(v.versionId())));

        List<Change> changes = reconcile();

        assertThat(changes).extracting(c -> c.logicalId() + " " + c.action())
                .containsExactlyInAnyOrder("s3/object/node UPDATE", "s3/object/control-plane CREATE");
        assertThat(console.getObjectAsBytes(r -> r.bucket(S3Store.BUCKET).key(NODE_KEY)).asByteArray())
                .isEqualTo(S3Store.NODE.bytes());
        assertThat(console.getObjectAsBytes(r -> r.bucket(S3Store.BUCKET).key(cp)).asByteArray())
                .isEqualTo(S3Store.CONTROL_PLANE.bytes());
        assertThat(changes.toString()).as("plans never hold the content")
                .doesNotContain("stolen").doesNotContain("PRIVATE KEY").doesNotContain("abcdef.0123456789abcdef");
    }

    private void boto3(String statement) {
        String script = "import boto3\nfrom botocore.config import Config\n"
                + "s3 = boto3.client('s3', endpoint_url='" + moto + "', region_name='us-east-1', "
                + "aws_access_key_id='testing', aws_secret_access_key='testing', "
                + "config=Config(s3={'addressing_style': 'path'}))\n" + statement + "\n";
        try {
            Process process = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(out).isZero();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
