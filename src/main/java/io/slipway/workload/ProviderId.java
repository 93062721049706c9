package io.slipway.workload;

import java.util.Optional;

/**
 * A Node's {@code spec.providerID} on AWS, as the AWS cloud provider writes it: {@code aws:///<zone>/<instance-id>}.
 * The zone part may be empty in older forms ({@code aws:////i-...}); the instance id is what matches a Node to its
 * instance.
 */
public record ProviderId(String zone, String instanceId) {
    private static final String SCHEME = "aws://";

    public static Optional<ProviderId> parse(String providerId) {
        if (providerId == null || !providerId.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String path = providerId.substring(SCHEME.length());
        int slash = path.lastIndexOf('/');
        String instanceId = path.substring(slash + 1);
        if (!instanceId.startsWith("i-") || instanceId.length() < 3) {
            return Optional.empty();
        }
        String before = slash < 0 ? "" : path.substring(0, slash);
        String zone = before.substring(before.lastIndexOf('/') + 1);
        return Optional.of(new ProviderId(zone, instanceId));
    }
}
