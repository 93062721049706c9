package io.slipway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs hack/aws-inventory.py (boto3): what exists in moto, seen by an implementation that shares no code with Slipway.
 * Covers every service Slipway uses (EC2, ELBv2, S3, IAM, Route 53); {@link AwsInventory} is its Java counterpart.
 */
public final class Boto3Inventory {
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
        List<String> command = new ArrayList<>(List.of("python3", script().toString()));
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("aws-inventory.py failed: " + out);
            }
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("hack/aws-inventory.py");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("hack/aws-inventory.py not found");
    }
}
