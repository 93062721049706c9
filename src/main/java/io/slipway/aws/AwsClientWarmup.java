package io.slipway.aws;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Builds the operator's own AWS clients (its credentials in the default region) when the operator starts, without
 * calling AWS, so that the first Cluster applied does not wait for them to be built.
 */
@Singleton
public class AwsClientWarmup {
    private static final Logger LOG = Logger.getLogger(AwsClientWarmup.class);

    void onStart(@Observes StartupEvent event, AwsClientFactory factory) {
        warmUp(factory);
    }

    /** What the operator does at start: also for a harness that runs the reconcilers without Quarkus. */
    public static void warmUp(AwsClientFactory factory) {
        try {
            factory.session(AwsCredentialSource.operatorDefault()).buildClients();
        } catch (RuntimeException e) {
            // only a head start: the first reconcile builds them again and reports what fails
            LOG.debugf("building the AWS clients at start failed: %s", e.getMessage());
        }
    }
}
