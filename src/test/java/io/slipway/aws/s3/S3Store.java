package io.slipway.aws.s3;

import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroupRole;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsKinds;
import io.slipway.aws.AwsSessionConfig;
import io.slipway.aws.RateLimit;
import io.slipway.aws.RateLimits;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.cloud.Kinds;
import io.slipway.cloud.Owner;
import io.slipway.cloud.SecretBytes;
import io.slipway.model.AwsNames;
import io.slipway.model.BootstrapStoreLayout;
import io.slipway.model.BootstrapStoreModel;
import io.slipway.model.ClusterInputs;
import io.slipway.model.Owners;
import io.slipway.model.TestClusters;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.MotoServer;
import io.slipway.testing.QuickRetry;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bootstrap store of cluster prod/demo against moto: its desired graph (bucket + control-plane and node
 * objects), S3 clients through the production client factory, and an engine over the S3 kinds.
 */
final class S3Store implements AutoCloseable {
    static final String NAMESPACE = "prod";
    static final String CLUSTER = "demo";
    static final String OWNER = NAMESPACE + "/" + CLUSTER;
    static final AwsNames NAMES = AwsNames.of(NAMESPACE, CLUSTER);
    static final String BUCKET = NAMES.bootstrapBucket(MotoServer.ACCOUNT);
    static final SecretBytes CONTROL_PLANE = SecretBytes.of("{\"ca.key\":\"-----BEGIN PRIVATE KEY-----test\"}");
    static final SecretBytes NODE = SecretBytes.of("{\"token\":\"abcdef.0123456789abcdef\"}");
    private static final RateLimits UNTHROTTLED = new RateLimits(new RateLimit(10_000, 10_000),
            new RateLimit(10_000, 10_000), Map.of());

    private final AwsClientFactory factory;
    private final Optional<String> stateStore;
    private final String region;

    private S3Store(AwsSessionConfig config, Optional<String> stateStore) {
        this(config, stateStore, MotoServer.REGION);
    }

    private S3Store(AwsSessionConfig config, Optional<String> stateStore, String region) {
        this.factory = new AwsClientFactory(config);
        this.stateStore = stateStore;
        this.region = region;
    }

    /** A bucket of its own in another region than us-east-1 (CreateBucket then names a LocationConstraint). */
    static S3Store inRegion(String region, MeterRegistry registry, FaultInjector faults) {
        return new S3Store(faults.install(MotoServer.get().awsConfig(registry).rateLimits(UNTHROTTLED)
                .retryStrategy(() -> QuickRetry.standard(3))).build(), Optional.empty(), region);
    }

    /** A bucket of the cluster's own. */
    static S3Store own(MeterRegistry registry) {
        return new S3Store(MotoServer.get().awsConfig(registry).rateLimits(UNTHROTTLED).build(), Optional.empty());
    }

    static S3Store withFaults(MeterRegistry registry, FaultInjector faults) {
        return new S3Store(faults.install(MotoServer.get().awsConfig(registry).rateLimits(UNTHROTTLED)
                .retryStrategy(() -> QuickRetry.standard(3))).build(), Optional.empty());
    }

    /** The operator configured with a state-store bucket. */
    static S3Store stateStore(MeterRegistry registry, String bucket) {
        return new S3Store(MotoServer.get().awsConfig(registry).rateLimits(UNTHROTTLED).build(), Optional.of(bucket));
    }

    S3Client s3() {
        return factory.session(AwsCredentialSource.operatorDefault(), region).s3();
    }

    /** The S3 client of another account (moto: an assumed role's account). */
    S3Client s3Of(String account) {
        return factory.session(AwsCredentialSource.assumeRole("arn:aws:iam::" + account + ":role/other", null,
                "someone-else")).s3();
    }

    Engine engine() {
        return new Engine(Kinds.of(S3Kinds.list(s3(), () -> MotoServer.ACCOUNT, stateStore)), AwsKinds.classifier(), 4);
    }

    BootstrapStoreLayout layout() {
        return stateStore.map(b -> BootstrapStoreLayout.stateStore(b, NAMES))
                .orElseGet(() -> BootstrapStoreLayout.ownBucket(NAMES, MotoServer.ACCOUNT));
    }

    ClusterInputs inputs(Map<InstanceGroupRole, SecretBytes> content) {
        return new ClusterInputs(MotoServer.ACCOUNT, "aws", layout(), content.keySet(), content);
    }

    ClusterInputs inputs() {
        return inputs(Map.of(InstanceGroupRole.ControlPlane, CONTROL_PLANE, InstanceGroupRole.Node, NODE));
    }

    DesiredGraph graph(ClusterInputs inputs) {
        Cluster cluster = TestClusters.threeZonePrivate(NAMESPACE, CLUSTER);
        DesiredGraph.Builder graph = DesiredGraph.builder(Owners.cluster(cluster));
        BootstrapStoreModel.addTo(graph, cluster, inputs);
        return graph.build();
    }

    DesiredGraph graph() {
        return graph(inputs());
    }

    static Owner owner() {
        return new Owner(OWNER);
    }

    static Set<String> keys() {
        return Set.of("bootstrap/control-plane/bootstrap.json", "bootstrap/node/bootstrap.json");
    }

    @Override
    public void close() {
        factory.close();
    }
}
