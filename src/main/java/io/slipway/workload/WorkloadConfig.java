package io.slipway.workload;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * {@code slipway.workload.endpoint-override} (env {@code SLIPWAY_WORKLOAD_ENDPOINT_OVERRIDE}): see
 * {@link EndpointOverrides}. Empty (the default, and always in production): each kubeconfig's own server.
 */
@ConfigMapping(prefix = "slipway.workload")
public interface WorkloadConfig {
    Optional<String> endpointOverride();
}
