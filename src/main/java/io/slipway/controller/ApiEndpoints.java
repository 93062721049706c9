package io.slipway.controller;

import io.slipway.api.ApiEndpointStatus;

import java.util.Optional;

/** The URL clients reach a cluster's API at, from its status. */
final class ApiEndpoints {
    static final int DEFAULT_PORT = 443;

    private ApiEndpoints() {
    }

    static Optional<String> url(ApiEndpointStatus endpoint) {
        if (endpoint != null && endpoint.url != null && !endpoint.url.isBlank()) {
            return Optional.of(endpoint.url);
        }
        if (endpoint == null || endpoint.host == null || endpoint.host.isBlank()) {
            return Optional.empty();
        }
        return Optional.of("https://" + endpoint.host + ":" + (endpoint.port == null ? DEFAULT_PORT : endpoint.port));
    }
}
