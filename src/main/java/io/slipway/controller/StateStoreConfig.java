package io.slipway.controller;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * {@code slipway.state-store.bucket} (env {@code SLIPWAY_STATE_STORE_BUCKET}): an existing S3 bucket, as kops' state
 * store, that holds every cluster's bootstrap objects under {@code <namespace>/<cluster>/}. Slipway never creates,
 * changes or deletes it; deleting a Cluster removes only its prefix. Empty (the default): each Cluster gets a bucket
 * of its own. A separate mapping from {@link SlipwayConfig}, whose prefix is {@code slipway.reconcile}.
 */
@ConfigMapping(prefix = "slipway.state-store")
public interface StateStoreConfig {
    Optional<String> bucket();
}
