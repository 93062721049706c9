package io.slipway.aws.autoscaling;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.cloud.Engine;
import io.slipway.testing.AwsInventory;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up of the instance group tests against moto: before each test a fresh moto holding the converged cluster and
 * two images ({@link InstanceGroupFixture#freshCluster()}), the fixture's engine, and a console's inventory to look at
 * and change what is in moto.
 */
abstract class OnConvergedCluster {
    InstanceGroupFixture aws;
    Engine engine;
    AwsInventory inventory;
    /** The image {@link InstanceGroupFixture#IMAGE} finds, and an older one of the same name pattern. */
    String newestImage;
    String olderImage;

    @BeforeEach
    final void convergedCluster() {
        String[] images = InstanceGroupFixture.freshCluster();
        olderImage = images[0];
        newestImage = images[1];
        aws = InstanceGroupFixture.of(new SimpleMeterRegistry());
        engine = aws.engine();
        inventory = new AwsInventory(MotoServer.get().endpoint());
    }

    @AfterEach
    final void closeClients() {
        inventory.close();
        aws.close();
    }
}
