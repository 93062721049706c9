package io.slipway.model;

import io.slipway.api.ApiEndpointStatus;
import io.slipway.api.Cluster;
import io.slipway.aws.elb.LoadBalancerKind;
import io.slipway.aws.route53.DnsRecordKind;
import io.slipway.cloud.ResourceState;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The API endpoint in status, from the resources found or created (plan or apply). Pure. With a DNS zone the host
 * is the DNS record's name once the record exists; DNS-less it is the load balancer's DNS name. Nothing is claimed
 * before it exists: no load balancer, no status; a DNS cluster whose record is not there yet has no host yet.
 */
public final class ApiEndpointStatusMapper {
    private ApiEndpointStatusMapper() {
    }

    /** Empty while the load balancer does not exist. */
    public static Optional<ApiEndpointStatus> apiEndpoint(Cluster cluster, Collection<ResourceState> resources) {
        Map<String, ResourceState> byId = resources.stream()
                .collect(Collectors.toMap(ResourceState::logicalId, Function.identity(), (a, b) -> a));
        ResourceState balancer = byId.get(ApiEndpointIds.LOAD_BALANCER);
        if (balancer == null) {
            return Optional.empty();
        }
        ApiEndpointStatus status = new ApiEndpointStatus();
        status.loadBalancerARN = balancer.outputs().get(LoadBalancerKind.ARN);
        status.loadBalancerDNSName = balancer.outputs().get(LoadBalancerKind.DNS_NAME);
        if (ApiEndpointModel.recordName(cluster).isPresent()) {
            ResourceState record = byId.get(ApiEndpointIds.DNS_RECORD);
            status.host = record == null || !record.owned() ? null : record.outputs().get(DnsRecordKind.HOST);
        } else {
            status.host = status.loadBalancerDNSName;
        }
        if (status.host != null) {
            status.port = ApiEndpointIds.API_PORT;
            status.url = url(status.host, status.port);
        }
        return Optional.of(status);
    }

    /**
     * True when every part of the endpoint exists: load balancer, target group, listener and, with a DNS zone, the
     * record (ours). What an APIEndpointReady condition can be derived from.
     */
    public static boolean complete(Cluster cluster, Collection<ResourceState> resources) {
        Map<String, ResourceState> byId = resources.stream()
                .collect(Collectors.toMap(ResourceState::logicalId, Function.identity(), (a, b) -> a));
        boolean balancer = byId.containsKey(ApiEndpointIds.LOAD_BALANCER) && byId.containsKey(ApiEndpointIds.TARGET_GROUP)
                && byId.containsKey(ApiEndpointIds.LISTENER);
        boolean dns = ApiEndpointModel.recordName(cluster).isEmpty()
                || (byId.containsKey(ApiEndpointIds.DNS_RECORD) && byId.get(ApiEndpointIds.DNS_RECORD).owned());
        return balancer && dns;
    }

    /** {@code https://<host>:<port>}: what a kubeconfig's server field holds. */
    public static String url(String host, int port) {
        return "https://" + host + ":" + port;
    }
}
