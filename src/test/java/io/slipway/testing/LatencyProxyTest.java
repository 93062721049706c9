package io.slipway.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.aws.AwsClientFactory;
import io.slipway.aws.AwsCredentialSource;
import io.slipway.aws.AwsSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks' proxy in front of moto forwards every call, and holds a NAT gateway pending and a load balancer
 * provisioning for as long as it is told (moto makes both usable at once). It is fast (nothing waits), so the suite
 * runs it too.
 */
@ExtendWith(MotoExtension.class)
class LatencyProxyTest {

    @Test
    void natGatewaysAndLoadBalancersAreNotReadyUntilTheirTimeHasPassed() {
        MotoServer moto = MotoServer.get();
        moto.reset();
        Duration forever = Duration.ofHours(1);
        try (LatencyProxy slow = LatencyProxy.start(moto.endpoint(), Duration.ofMillis(1), forever, forever);
             LatencyProxy instant = LatencyProxy.start(moto.endpoint(), Duration.ZERO, Duration.ZERO, Duration.ZERO);
             AwsClientFactory throughSlow = new AwsClientFactory(moto.awsConfig(new SimpleMeterRegistry())
                     .endpointOverride(slow.endpoint()).build());
             AwsClientFactory throughInstant = new AwsClientFactory(moto.awsConfig(new SimpleMeterRegistry())
                     .endpointOverride(instant.endpoint()).build())) {
            AwsSession session = throughSlow.session(AwsCredentialSource.operatorDefault(), MotoServer.REGION);
            String vpc = session.ec2().createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
            String subnet = session.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.9.0.0/24")
                    .availabilityZone("us-east-1a")).subnet().subnetId();
            String allocation = session.ec2().allocateAddress(r -> r.domain("vpc")).allocationId();
            NatGateway created = session.ec2().createNatGateway(r -> r.subnetId(subnet).allocationId(allocation)).natGateway();
            String lb = session.elbv2().createLoadBalancer(r -> r.name("proxy-test").type(LoadBalancerTypeEnum.NETWORK)
                    .subnets(subnet)).loadBalancers().get(0).loadBalancerArn();

            assertThat(created.stateAsString()).isEqualTo("pending");
            assertThat(session.ec2().describeNatGateways(r -> r.natGatewayIds(created.natGatewayId())).natGateways())
                    .singleElement().satisfies(n -> assertThat(n.stateAsString()).isEqualTo("pending"));
            assertThat(session.elbv2().describeLoadBalancers(r -> r.loadBalancerArns(lb)).loadBalancers())
                    .singleElement().satisfies(l -> assertThat(l.state().codeAsString()).isEqualTo("provisioning"));
            assertThat(slow.firstCall("CreateNatGateway")).isPresent();

            // the same resources through a proxy that created none of them: as moto answers
            AwsSession direct = throughInstant.session(AwsCredentialSource.operatorDefault(), MotoServer.REGION);
            assertThat(direct.ec2().describeNatGateways(r -> r.natGatewayIds(created.natGatewayId())).natGateways())
                    .singleElement().satisfies(n -> assertThat(n.stateAsString()).isEqualTo("available"));
            assertThat(direct.elbv2().describeLoadBalancers(r -> r.loadBalancerArns(lb)).loadBalancers())
                    .singleElement().satisfies(l -> assertThat(l.state().codeAsString()).isEqualTo("active"));
        }
    }
}
