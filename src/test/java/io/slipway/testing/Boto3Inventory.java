package io.slipway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Runs hack/aws-inventory.py (boto3): what exists in moto, seen by an implementation that shares no code with Slipway.
 * Covers every service Slipway uses (EC2, ELBv2, S3, IAM, Route 53); {@link AwsInventory} is its Java counterpart.
 */
public final class Boto3Inventory {
    private static final ScriptServer SCRIPT = new ScriptServer("aws-inventory.py");

    private Boto3Inventory() {
    }

    /**
     * {kind: [{id, resource, tags}]} of everything tagged slipway.io/cluster=owner, with the cluster's IAM roles and
     * instance profiles (by path), bucket object versions and DNS records (by their ownership TXT record).
     */
    public static JsonNode tagged(URI endpoint, String owner) {
        return run(List.of("--endpoint", endpoint.toString(), "--tag", "slipway.io/cluster=" + owner), Map.of());
    }

    /** As {@link #tagged}, also counting the object versions under {@code <owner>/} of a state-store bucket. */
    public static JsonNode tagged(URI endpoint, String owner, String stateStoreBucket) {
        return run(List.of("--endpoint", endpoint.toString(), "--tag", "slipway.io/cluster=" + owner,
                "--state-store", stateStoreBucket), Map.of());
    }

    /** As {@link #tagged}, seen with other credentials (in moto, an assumed role's keys name its account). */
    public static JsonNode tagged(URI endpoint, String owner, AwsSessionCredentials credentials) {
        return run(List.of("--endpoint", endpoint.toString(), "--tag", "slipway.io/cluster=" + owner), Map.of(
                "AWS_ACCESS_KEY_ID", credentials.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey(),
                "AWS_SESSION_TOKEN", credentials.sessionToken()));
    }

    /** As {@link #tagged}, for any tag given as {@code key=value}. */
    public static JsonNode taggedWith(URI endpoint, String keyValue) {
        return run(List.of("--endpoint", endpoint.toString(), "--tag", keyValue), Map.of());
    }

    /** {vpc: [{id, cidr, tags}], subnet: [{id, cidr, zone, tags}]} of a VPC. */
    public static JsonNode vpc(URI endpoint, String vpcId) {
        return run(List.of("--endpoint", endpoint.toString(), "--vpc", vpcId), Map.of());
    }

    /**
     * An S3 bucket as boto3 reads it: {exists, tags, encryption, publicAccessBlock, versioning, ownership,
     * versions: [{key, versionId, isLatest, etag}], deleteMarkers: [...], objects: {key: {metadata, sse, tags}}}
     * (versions and objects under {@code prefix}).
     */
    public static JsonNode bucket(URI endpoint, String bucket, String prefix) {
        return run(List.of("--endpoint", endpoint.toString(), "--bucket", bucket, "--prefix", prefix), Map.of());
    }

    public static int count(JsonNode tagged) {
        int count = 0;
        for (JsonNode list : tagged) {
            count += list.size();
        }
        return count;
    }

    private static JsonNode run(List<String> args, Map<String, String> environment) {
        return SCRIPT.ask(args, environment);
    }
}
