package io.slipway.bootstrap;

import java.util.Objects;

/**
 * What an instance group's user data needs beyond the specs, from the Cluster's status and store layout.
 *
 * @param apiServerUrl       the API as clients reach it ({@code status.apiEndpoint.url}), e.g.
 *                           {@code https://api.demo.example.com:443}
 * @param region             the cluster's region
 * @param bucket             the bootstrap store's bucket
 * @param bootstrapObjectKey the key of the group's role's bootstrap object
 * @param initLockKey        the key of the control plane's init lock
 */
public record NodeBootstrapContext(String apiServerUrl, String region, String bucket, String bootstrapObjectKey,
                                   String initLockKey) {
    public NodeBootstrapContext {
        Objects.requireNonNull(apiServerUrl, "apiServerUrl");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(bootstrapObjectKey, "bootstrapObjectKey");
        Objects.requireNonNull(initLockKey, "initLockKey");
    }
}
