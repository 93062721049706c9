package io.slipway.aws.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.cloud.ApplyResult;
import io.slipway.cloud.Change;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Plan;
import io.slipway.model.BootstrapStoreModel;
import io.slipway.testing.Boto3Inventory;
import io.slipway.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the bootstrap content is still being made (the cluster's keys), the store's graph builds the bucket and leaves
 * the objects as they are: none is created, and existing ones are neither deleted nor rewritten. Checked in moto by
 * boto3.
 */
@ExtendWith(MotoExtension.class)
class BootstrapContentPendingTest {

    @Test
    void theBucketIsBuiltAndTheObjectsFollowTheContent(URI moto) {
        try (S3Store store = S3Store.own(new SimpleMeterRegistry())) {
            Engine engine = store.engine();
            Plan pending = engine.plan(store.graph(store.inputs().withBootstrapContentPending()));
            assertThat(pending.pending()).extracting(Change::kind).doesNotContain(S3ObjectKind.NAME).isNotEmpty();
            assertThat(engine.apply(pending).isComplete()).isTrue();
            JsonNode bucket = Boto3Inventory.bucket(moto, S3Store.BUCKET, "");
            assertThat(bucket.path("exists").asBoolean()).isTrue();
            assertThat(bucket.path("versions").size()).isZero();

            ApplyResult withContent = engine.apply(engine.plan(store.graph()));
            assertThat(withContent.applied()).extracting(Change::logicalId).containsExactlyInAnyOrder(
                    BootstrapStoreModel.object(io.slipway.api.InstanceGroupRole.ControlPlane),
                    BootstrapStoreModel.object(io.slipway.api.InstanceGroupRole.Node));
            assertThat(keys(Boto3Inventory.bucket(moto, S3Store.BUCKET, ""))).containsExactlyInAnyOrderElementsOf(S3Store.keys());
        }
    }

    @Test
    void existingObjectsAreNeitherDeletedNorRewrittenWhileTheContentIsPending(URI moto) {
        try (S3Store store = S3Store.own(new SimpleMeterRegistry())) {
            Engine engine = store.engine();
            assertThat(engine.apply(engine.plan(store.graph())).isComplete()).isTrue();
            JsonNode before = Boto3Inventory.bucket(moto, S3Store.BUCKET, "");
            assertThat(before.path("versions")).hasSize(2);

            Plan pending = engine.plan(store.graph(store.inputs().withBootstrapContentPending()));
            assertThat(pending.isConverged()).as(pending.toString()).isTrue();
            engine.apply(pending);

            JsonNode after = Boto3Inventory.bucket(moto, S3Store.BUCKET, "");
            assertThat(after.path("versions")).isEqualTo(before.path("versions"));
            assertThat(after.path("deleteMarkers").size()).isZero();
            assertThat(after.path("objects").path("bootstrap/node/bootstrap.json").path("metadata").path("sha256").asText())
                    .isEqualTo(S3Store.NODE.sha256());
        }
    }

    private static List<String> keys(JsonNode bucket) {
        List<String> keys = new ArrayList<>();
        bucket.path("objects").fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
