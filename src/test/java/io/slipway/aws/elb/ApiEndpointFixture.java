package io.slipway.aws.elb;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.slipway.api.ApiSpec;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.LoadBalancerSpec;
import io.slipway.api.SubnetType;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsKinds;
import io.slipway.aws.AwsSession;
import io.slipway.aws.RateLimit;
import io.slipway.aws.RateLimits;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.model.ApiEndpointModel;
import io.slipway.model.AwsNames;
import io.slipway.model.BootstrapStoreLayout;
import io.slipway.model.ClusterInputs;
import io.slipway.model.NetworkModel;
import io.slipway.model.Owners;
import io.slipway.model.TestClusters;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.MotoServer;
import io.slipway.testing.QuickRetry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clusters, graphs and engines for the API endpoint tests: the cluster's network plus its API endpoint, planned
 * by an engine over every registered AWS kind ({@link AwsKinds}), on moto through the production client factory.
 */
final class ApiEndpointFixture implements AutoCloseable {
    static final String NAMESPACE = "prod";
    static final String NAME = "demo";
    static final String OWNER = NAMESPACE + "/" + NAME;
    static final String ZONE = "example.com";
    static final String RECORD = "api.demo.example.com";

    private static final RateLimits UNTHROTTLED = new RateLimits(new RateLimit(10_000, 10_000),
            new RateLimit(10_000, 10_000), Map.of());

    private final AwsClientFactory factory;

    private ApiEndpointFixture(AwsClientFactory factory) {
        this.factory = factory;
    }

    static ApiEndpointFixture of(MeterRegistry registry) {
        return new ApiEndpointFixture(new AwsClientFactory(MotoServer.get().awsConfig(registry).rateLimits(UNTHROTTLED).build()));
    }

    static ApiEndpointFixture withFaults(MeterRegistry registry, FaultInjector faults) {
        return new ApiEndpointFixture(new AwsClientFactory(faults.install(MotoServer.get().awsConfig(registry)
                .rateLimits(UNTHROTTLED).retryStrategy(() -> QuickRetry.standard(3))).build()));
    }

    AwsSession session() {
        return factory.session(AwsCredentialSource.operatorDefault());
    }

    Engine engine() {
        return new Engine(AwsKinds.of(session()), AwsKinds.classifier(), 4);
    }

    @Override
    public void close() {
        factory.close();
    }

    /** Three zones, a Private and a Utility subnet each: a Public load balancer in the Utility subnets, no DNS. */
    static Cluster publicWithoutDns() {
        return TestClusters.threeZonePrivate(NAMESPACE, NAME);
    }

    /**
     * Two zones with a Public and a Private subnet each (no Utility): an Internal load balancer goes into the
     * Private ones; {@code api.demo.example.com} in the zone example.com.
     */
    static Cluster internalWithDns() {
        Cluster cluster = new Cluster();
        cluster.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(NAME).build());
        ClusterSpec spec = new ClusterSpec();
        spec.kubernetesVersion = "1.31.4";
        spec.region = "us-east-1";
        spec.networkCIDR = "10.1.0.0/16";
        spec.cloudLabels = Map.of("team", "platform");
        List<String> zones = List.of("us-east-1a", "us-east-1b");
        for (int i = 0; i < zones.size(); i++) {
            spec.subnets.add(TestClusters.subnet("public-" + zones.get(i), zones.get(i), "10.1." + (16 * i) + ".0/20", SubnetType.Public));
            spec.subnets.add(TestClusters.subnet("private-" + zones.get(i), zones.get(i), "10.1." + (64 + 16 * i) + ".0/20", SubnetType.Private));
        }
        spec.api = new ApiSpec();
        spec.api.loadBalancer = new LoadBalancerSpec();
        spec.api.loadBalancer.type = "Internal";
        spec.api.loadBalancer.crossZoneLoadBalancing = false;
        spec.dnsZone = ZONE;
        cluster.setSpec(spec);
        return cluster;
    }

    static ClusterInputs inputs(Cluster cluster) {
        return new ClusterInputs(MotoServer.ACCOUNT, "aws",
                BootstrapStoreLayout.ownBucket(AwsNames.of(cluster), MotoServer.ACCOUNT), Set.of(), Map.of());
    }

    /** The network and the API endpoint of a cluster, under the cluster's owner. */
    static DesiredGraph graph(Cluster cluster) {
        DesiredGraph.Builder graph = DesiredGraph.builder(Owners.cluster(cluster));
        NetworkModel.addTo(graph, cluster);
        ApiEndpointModel.addTo(graph, cluster, inputs(cluster));
        return graph.build();
    }

    /** The network alone: what exists before the API endpoint in the crash tests. */
    static DesiredGraph network(Cluster cluster) {
        return NetworkModel.build(cluster);
    }
}
