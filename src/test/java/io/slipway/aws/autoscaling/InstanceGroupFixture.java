package io.slipway.aws.autoscaling;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupRole;
import io.slipway.api.InstanceGroupSpec;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsKinds;
import io.slipway.aws.AwsSession;
import io.slipway.aws.RateLimit;
import io.slipway.aws.RateLimits;
import io.slipway.aws.ec2.ImageResolver;
import io.slipway.cloud.DesiredGraph;
import io.slipway.cloud.Engine;
import io.slipway.model.AwsNames;
import io.slipway.model.BootstrapStoreLayout;
import io.slipway.model.ClusterInputs;
import io.slipway.model.ClusterModel;
import io.slipway.model.InstanceGroupInputs;
import io.slipway.model.InstanceGroupModel;
import io.slipway.model.TestClusters;
import io.slipway.testing.FaultInjector;
import io.slipway.testing.MotoServer;
import io.slipway.testing.QuickRetry;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ArchitectureValues;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A converged cluster (network, IAM, bootstrap store, API endpoint) in moto, an image registered as a user would
 * find it, and InstanceGroups of it planned by an engine over every registered AWS kind through the production
 * client factory.
 */
final class InstanceGroupFixture implements AutoCloseable {
    static final String NAMESPACE = "prod";
    static final String NAME = "demo";
    static final String OWNER = NAMESPACE + "/" + NAME;
    static final String IMAGE = "self/slipway-test-ubuntu-24.04-*";
    static final String USER_DATA = "#!/bin/sh\necho booting\n";

    private static final RateLimits UNTHROTTLED = new RateLimits(new RateLimit(10_000, 10_000),
            new RateLimit(10_000, 10_000), Map.of());

    final Cluster cluster = TestClusters.threeZonePrivate(NAMESPACE, NAME);
    private final AwsClientFactory factory;

    private InstanceGroupFixture(AwsClientFactory factory) {
        this.factory = factory;
    }

    static InstanceGroupFixture of(MeterRegistry registry) {
        return new InstanceGroupFixture(new AwsClientFactory(MotoServer.get().awsConfig(registry).rateLimits(UNTHROTTLED).build()));
    }

    static InstanceGroupFixture withFaults(MeterRegistry registry, FaultInjector faults) {
        return new InstanceGroupFixture(new AwsClientFactory(faults.install(MotoServer.get().awsConfig(registry)
                .rateLimits(UNTHROTTLED).retryStrategy(() -> QuickRetry.standard(3))).build()));
    }

    /** A fresh moto holding the converged cluster and two images (the newer one is what {@link #IMAGE} finds). */
    static String[] freshCluster() {
        MotoServer.get().reset();
        try (InstanceGroupFixture aws = of(new SimpleMeterRegistry())) {
            Engine engine = aws.engine();
            assertThat(engine.apply(engine.plan(aws.clusterGraph())).isComplete()).isTrue();
            // moto dates an image when it is registered: the newer one comes second (same second: the name decides)
            String older = aws.registerImage("slipway-test-ubuntu-24.04-20250101");
            String newer = aws.registerImage("slipway-test-ubuntu-24.04-20260101");
            return new String[] {older, newer};
        }
    }

    AwsSession session() {
        return factory.session(AwsCredentialSource.operatorDefault());
    }

    Engine engine() {
        return new Engine(AwsKinds.of(session()), AwsKinds.classifier(), 4);
    }

    DesiredGraph clusterGraph() {
        return ClusterModel.build(cluster, new ClusterInputs(MotoServer.ACCOUNT, "aws",
                BootstrapStoreLayout.ownBucket(AwsNames.of(cluster), MotoServer.ACCOUNT),
                Set.of(InstanceGroupRole.ControlPlane, InstanceGroupRole.Node), Map.of()));
    }

    static InstanceGroup group(String name, InstanceGroupRole role, int min, int max) {
        InstanceGroup group = new InstanceGroup();
        group.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(name).build());
        InstanceGroupSpec spec = new InstanceGroupSpec();
        spec.clusterName = NAME;
        spec.role = role.name();
        spec.machineType = "t3.medium";
        spec.image = IMAGE;
        spec.minSize = min;
        spec.maxSize = max;
        group.setSpec(spec);
        return group;
    }

    DesiredGraph graph(InstanceGroup group) {
        ImageResolver.ResolvedImage image = new ImageResolver(session().ec2()).resolve(group.getSpec().image);
        return InstanceGroupModel.build(cluster, group, new InstanceGroupInputs(image.id(), image.rootDeviceName(), image.rootVolumeSize(), USER_DATA));
    }

    /** RegisterImage as an image pipeline would. */
    String registerImage(String name) {
        Ec2Client ec2 = session().ec2();
        return ec2.registerImage(r -> r.name(name).architecture(ArchitectureValues.X86_64).rootDeviceName("/dev/sda1")
                .virtualizationType("hvm").blockDeviceMappings(b -> b.deviceName("/dev/sda1").ebs(e -> e.volumeSize(8)))).imageId();
    }

    @Override
    public void close() {
        factory.close();
    }
}
