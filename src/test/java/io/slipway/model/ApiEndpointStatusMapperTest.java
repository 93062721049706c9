package io.slipway.model;

import io.slipway.api.ApiEndpointStatus;
import io.slipway.api.Cluster;
import io.slipway.cloud.ResourceState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiEndpointStatusMapperTest {
    private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/api/1";
    private static final ResourceState BALANCER = new ResourceState("LoadBalancer", ApiEndpointIds.LOAD_BALANCER, ARN,
            true, true, Map.of("arn", ARN, "dnsName", "api-1.elb.us-east-1.amazonaws.com", "canonicalHostedZoneId", "Z26"));

    @Test
    void dnsLessClustersUseTheBalancersName() {
        ApiEndpointStatus status = ApiEndpointStatusMapper.apiEndpoint(TestClusters.threeZonePrivate("prod", "demo"),
                List.of(BALANCER)).orElseThrow();

        assertThat(status.host).isEqualTo("api-1.elb.us-east-1.amazonaws.com");
        assertThat(status.port).isEqualTo(443);
        assertThat(status.url).isEqualTo("https://api-1.elb.us-east-1.amazonaws.com:443");
        assertThat(status.loadBalancerARN).isEqualTo(ARN);
        assertThat(status.loadBalancerDNSName).isEqualTo("api-1.elb.us-east-1.amazonaws.com");
    }

    @Test
    void withADnsZoneTheHostIsTheRecordOnceItExists() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        cluster.getSpec().dnsZone = "example.com";

        ApiEndpointStatus before = ApiEndpointStatusMapper.apiEndpoint(cluster, List.of(BALANCER)).orElseThrow();
        ApiEndpointStatus after = ApiEndpointStatusMapper.apiEndpoint(cluster, List.of(BALANCER, new ResourceState(
                "DnsRecord", ApiEndpointIds.DNS_RECORD, "Z1/api.demo.example.com.", true, true,
                Map.of("host", "api.demo.example.com")))).orElseThrow();

        assertThat(before.host).isNull();
        assertThat(before.url).isNull();
        assertThat(before.loadBalancerDNSName).isEqualTo("api-1.elb.us-east-1.amazonaws.com");
        assertThat(after.host).isEqualTo("api.demo.example.com");
        assertThat(after.url).isEqualTo("https://api.demo.example.com:443");
    }

    @Test
    void completeOnlyWhenEveryPartExists() {
        Cluster cluster = TestClusters.threeZonePrivate("prod", "demo");
        ResourceState group = new ResourceState("TargetGroup", ApiEndpointIds.TARGET_GROUP, "tg", true, true, Map.of());
        ResourceState listener = new ResourceState("Listener", ApiEndpointIds.LISTENER, "l", true, true, Map.of());
        ResourceState record = new ResourceState("DnsRecord", ApiEndpointIds.DNS_RECORD, "Z1/api.demo.example.com.", true,
                true, Map.of("host", "api.demo.example.com"));

        assertThat(ApiEndpointStatusMapper.complete(cluster, List.of(BALANCER, group))).isFalse();
        assertThat(ApiEndpointStatusMapper.complete(cluster, List.of(BALANCER, group, listener))).isTrue();
        cluster.getSpec().dnsZone = "example.com";
        assertThat(ApiEndpointStatusMapper.complete(cluster, List.of(BALANCER, group, listener))).isFalse();
        assertThat(ApiEndpointStatusMapper.complete(cluster, List.of(BALANCER, group, listener, record))).isTrue();
    }

    @Test
    void nothingBeforeTheBalancerExists() {
        assertThat(ApiEndpointStatusMapper.apiEndpoint(TestClusters.threeZonePrivate("prod", "demo"), List.of())).isEmpty();
    }
}
