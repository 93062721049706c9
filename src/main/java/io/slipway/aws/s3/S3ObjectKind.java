package io.slipway.aws.s3;

import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Outputs;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import io.slipway.cloud.SecretBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An object with secret content in a bucket (see {@link S3ObjectSpec}); the body is never read back or printed.
 *
 * <p>Find, a fixed number of calls: one {@code ListObjectVersions} per 1000 versions under each desired owned
 * prefix (the cluster's folder of bootstrap objects: one call). It gives every version and delete marker of each
 * key, and the ETag of the latest version, which for a single-part upload with SSE-S3 is the MD5 of the content:
 * that is what the diff compares, so no {@code GetObject} and no {@code HeadObject} is needed. (With SSE-KMS the
 * ETag is not the MD5: then one {@code HeadObject} per object reads the {@code sha256} metadata every write
 * carries.) Ownership is by place, not by tag: every key under the owned prefix is the cluster's (S3 cannot list
 * objects by tag); the ownership tags are still written, for people and inventories. On teardown (nothing desired)
 * the kind lists the owned buckets found by {@link S3BucketKind} whole, and the operator's state-store bucket under
 * {@code <namespace>/<cluster>/}.
 *
 * <p>An object deleted outside Slipway (a delete marker on top) or changed is written again; delete removes every
 * version and delete marker of the key.
 */
public final class S3ObjectKind implements ResourceKind<S3ObjectSpec, S3ObjectKind.State> {
    public static final String NAME = "S3Object";
    /** Output: the object's key. */
    public static final String KEY = "key";
    /** User metadata ({@code x-amz-meta-sha256}) holding the hex SHA-256 of the content. */
    static final String SHA256_METADATA = "sha256";
    static final String DELETED = "(deleted)";

    /**
     * An object as found: every version id and delete marker id of the key (what delete removes), the latest
     * version's ETag (null when the latest is a delete marker), with SSE-KMS only its sha256 metadata, and the
     * ownership tags a rewrite gives it (empty when found for every scope, which never writes).
     */
    public record State(String bucket, String key, List<String> versionIds, String latestEtag, String sha256,
                        Map<String, String> ownershipTags) implements Outputs {
        public State {
            versionIds = List.copyOf(versionIds);
            ownershipTags = Map.copyOf(ownershipTags);
        }

        boolean deleted() {
            return latestEtag == null;
        }

        @Override
        public Map<String, String> outputs() {
            return Map.of(KEY, key);
        }
    }

    private final S3Client s3;
    private final Optional<String> stateStoreBucket;

    /** {@code stateStoreBucket}: the operator's shared bucket, whose cluster prefixes a teardown empties. */
    public S3ObjectKind(S3Client s3, Optional<String> stateStoreBucket) {
        this.s3 = s3;
        this.stateStoreBucket = stateStoreBucket.filter(b -> !b.isBlank());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<S3ObjectSpec> specType() {
        return S3ObjectSpec.class;
    }

    @Override
    public Set<String> findsAfter() {
        return Set.of(S3BucketKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<S3ObjectSpec> context) {
        Owner owner = context.owner();
        if (!owner.owns(owner.id(), Owner.CLUSTER_SCOPE)) {
            // bootstrap objects are cluster-level: another scope (an instance group) owns none
            return List.of();
        }
        // (bucket, prefix) → the desired objects there, by key
        Map<Place, Map<String, DesiredResource<S3ObjectSpec>>> places = new LinkedHashMap<>();
        for (DesiredResource<S3ObjectSpec> desired : context.desired()) {
            Optional<String> bucket = context.refs().value(desired.spec().bucket());
            bucket.ifPresent(b -> places.computeIfAbsent(new Place(b, desired.spec().ownedPrefix()), p -> new LinkedHashMap<>())
                    .put(desired.spec().key(), desired));
        }
        if (context.desired().isEmpty()) {
            for (LiveResource<?> bucket : context.found(S3BucketKind.NAME)) {
                if (bucket.owned()) {
                    places.put(new Place(bucket.cloudId(), ""), Map.of());
                }
            }
            stateStoreBucket.ifPresent(b -> places.put(new Place(b, owner.id() + "/"), Map.of()));
        }
        List<LiveResource<State>> found = new ArrayList<>();
        for (Map.Entry<Place, Map<String, DesiredResource<S3ObjectSpec>>> place : places.entrySet()) {
            for (State listed : list(place.getKey())) {
                DesiredResource<S3ObjectSpec> desired = place.getValue().get(listed.key());
                String logicalId = desired != null ? desired.logicalId() : "s3/object-key/" + listed.key();
                State state = new State(listed.bucket(), listed.key(), listed.versionIds(), listed.latestEtag(), null,
                        owner.isEveryScope() ? Map.of() : OwnershipTags.withOwnership(Map.of(), owner, logicalId));
                if (desired != null && desired.spec().encryption().isKms() && !state.deleted()) {
                    state = withSha256(state);
                }
                found.add(new LiveResource<>(NAME, logicalId, cloudId(state), state, true));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(S3ObjectSpec desired, State live, Refs refs) {
        String wanted = "sha256:" + desired.content().sha256();
        if (live.deleted()) {
            return List.of(new FieldChange("content", DELETED, wanted, false));
        }
        if (desired.encryption().isKms()) {
            return desired.content().sha256().equals(live.sha256()) ? List.of()
                    : List.of(new FieldChange("content", "sha256:" + live.sha256(), wanted, false));
        }
        String etag = unquote(live.latestEtag());
        return md5(desired.content()).equals(etag) ? List.of()
                : List.of(new FieldChange("content", "etag:" + etag, wanted, false));
    }

    @Override
    public State create(Owner owner, String logicalId, S3ObjectSpec desired, Refs refs) {
        // PutObject of a key is idempotent: a retry after a lost answer only adds a version, which delete removes
        return put(refs.require(desired.bucket()), desired, OwnershipTags.withOwnership(desired.tags(), owner, logicalId),
                List.of());
    }

    @Override
    public State update(String logicalId, S3ObjectSpec desired, State live, List<FieldChange> changes, Refs refs) {
        Map<String, String> tags = new LinkedHashMap<>(desired.tags());
        tags.putAll(live.ownershipTags());
        return put(live.bucket(), desired, tags, live.versionIds());
    }

    @Override
    public void delete(State live) {
        S3Versions.delete(s3, live.bucket(), live.versionIds().stream()
                .map(v -> ObjectIdentifier.builder().key(live.key()).versionId(v).build()).toList());
    }

    @Override
    public String cloudId(State live) {
        return live.bucket() + "/" + live.key();
    }

    @Override
    public Set<String> references(State live) {
        return Set.of(live.bucket());
    }


    private State put(String bucket, S3ObjectSpec desired, Map<String, String> tags, List<String> olderVersions) {
        SecretBytes content = desired.content();
        var response = s3.putObject(r -> {
            r.bucket(bucket).key(desired.key()).contentType("application/octet-stream")
                    .metadata(Map.of(SHA256_METADATA, content.sha256()))
                    .tagging(tagging(tags))
                    .serverSideEncryption(desired.encryption().algorithm());
            if (desired.encryption().isKms() && desired.encryption().kmsKeyId() != null) {
                r.ssekmsKeyId(desired.encryption().kmsKeyId());
            }
        }, RequestBody.fromBytes(content.bytes()));
        List<String> versions = new ArrayList<>(olderVersions);
        if (response.versionId() != null) {
            versions.add(response.versionId());
        }
        Map<String, String> ownership = new LinkedHashMap<>(tags);
        ownership.keySet().removeIf(k -> !OwnershipTags.isOwnershipKey(k));
        return new State(bucket, desired.key(), versions, response.eTag(), content.sha256(), ownership);
    }

    private List<State> list(Place place) {
        Map<String, Versions> byKey = new LinkedHashMap<>();
        S3Versions.list(s3, place.bucket(), place.prefix(), page -> {
            for (ObjectVersion version : page.versions()) {
                Versions versions = byKey.computeIfAbsent(version.key(), k -> new Versions());
                versions.ids.add(version.versionId());
                if (Boolean.TRUE.equals(version.isLatest())) {
                    versions.latestEtag = version.eTag();
                }
            }
            for (DeleteMarkerEntry marker : page.deleteMarkers()) {
                byKey.computeIfAbsent(marker.key(), k -> new Versions()).ids.add(marker.versionId());
            }
        });
        List<State> states = new ArrayList<>();
        byKey.forEach((key, versions) -> states.add(new State(place.bucket(), key, versions.ids, versions.latestEtag, null,
                Map.of())));
        return states;
    }

    private State withSha256(State state) {
        String sha = s3.headObject(r -> r.bucket(state.bucket()).key(state.key())).metadata().get(SHA256_METADATA);
        return new State(state.bucket(), state.key(), state.versionIds(), state.latestEtag(), sha, state.ownershipTags());
    }

    private static String tagging(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String md5(SecretBytes content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content.bytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available", e);
        }
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    private record Place(String bucket, String prefix) {
    }

    private static final class Versions {
        final List<String> ids = new ArrayList<>();
        String latestEtag;
    }
}
