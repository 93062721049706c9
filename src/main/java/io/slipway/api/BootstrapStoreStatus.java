package io.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** Where the cluster's bootstrap objects are, as found in S3. Names only: never their content. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BootstrapStoreStatus {
    @JsonPropertyDescription("Name of the S3 bucket that holds the bootstrap objects; absent until it exists.")
    public String bucket;

    @JsonPropertyDescription("True when the bucket is the operator's state-store bucket (slipway.state-store.bucket), "
            + "shared by clusters and never created, changed or deleted by one; false for the cluster's own bucket.")
    public Boolean sharedBucket;

    @JsonPropertyDescription("Key prefix of every object of the cluster: <namespace>/<cluster>/ in a state-store bucket, "
            + "empty in a bucket of its own.")
    public String prefix;

    @JsonPropertyDescription("Keys of the bootstrap objects that exist, one per instance-group role, e.g. "
            + "bootstrap/node/bootstrap.json.")
    public List<String> objectKeys = new ArrayList<>();
}
