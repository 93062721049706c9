package io.slipway.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.testing.LatencyProxy;
import io.slipway.testing.MotoExtension;
import io.slipway.testing.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reconcile starts finding the account ahead (while it asks other services); whoever needs it meanwhile waits for
 * that one GetCallerIdentity instead of making another. A {@link LatencyProxy} keeps each call on the wire long enough
 * for the two to overlap.
 */
@ExtendWith(MotoExtension.class)
class AccountLookUpAheadTest {

    @Test
    void whoNeedsTheAccountWhileItIsLookedUpAheadWaitsForThatCall() {
        MotoServer moto = MotoServer.get();
        MeterRegistry registry = new SimpleMeterRegistry();
        try (LatencyProxy proxy = LatencyProxy.start(moto.endpoint(), Duration.ofMillis(500), Duration.ZERO, Duration.ZERO);
             AwsClientFactory aws = new AwsClientFactory(moto.awsConfig(registry).endpointOverride(proxy.endpoint()).build())) {
            AwsSession session = aws.session(AwsCredentialSource.operatorDefault(), MotoServer.REGION);

            session.lookUpAccountAhead();
            String account = session.accountId();

            assertThat(account).matches("\\d{12}");
            assertThat(session.accountId()).isEqualTo(account);
            assertThat(callerIdentityCalls(registry)).isEqualTo(1);
        }
    }

    private static double callerIdentityCalls(MeterRegistry registry) {
        return registry.find(AwsCallMetrics.CALLS).tag("operation", "GetCallerIdentity").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
