package io.slipway.aws.s3;

import io.slipway.aws.AwsCalls;
import io.slipway.aws.OwnershipTags;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.Lifecycle;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Outputs;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * S3 bucket (see {@link S3BucketSpec}).
 *
 * <p>Find, a fixed number of calls. A desired bucket's name is derived from the cluster and the account and is
 * unique, so it is read directly: one {@code GetBucketTagging} on that name, with the account as the expected
 * bucket owner (AWS answers 403 for a bucket of another account). It answers the steady state and the first plan:
 * tags carrying the owner's marks mean ours; {@code NoSuchBucket} means nobody's, so it is created. Anything else
 * (untagged, tagged for someone else, 403, a redirect) is settled as below, with one {@code ListBuckets} (per
 * 10,000 buckets) with a prefix naming this cluster, which lists only this account's buckets, then
 * {@code GetBucketTagging} for each of them: 2 calls. The same list answers a plan without a desired bucket (a
 * teardown, an empty graph), which must find every bucket of the owner. A desired bucket not in this account costs
 * one {@code HeadBucket} more: absent means create; present means the name is taken, a fatal {@link BucketNameTaken}
 * error before anything is created. A shared bucket costs one {@code HeadBucket}. Its settings (encryption, public
 * access block, versioning, object ownership) are resources of their own ({@link S3BucketSettingKind}).
 *
 * <p>Create: {@code CreateBucket} carries the tags (in its CreateBucketConfiguration), then {@code PutBucketTagging}
 * only when a read-back shows the tags missing (moto 5.2 reads only the LocationConstraint of the configuration, and
 * S3-compatible endpoints drop tags on create). A crash between {@code CreateBucket} and
 * {@code PutBucketTagging} leaves a bucket without tags: see {@link #find} for why it is adopted.
 */
public final class S3BucketKind implements ResourceKind<S3BucketSpec, S3BucketKind.State> {
    public static final String NAME = "S3Bucket";
    /** Output: the bucket's name. */
    public static final String BUCKET_NAME = "bucketName";
    /** Output: the bucket's ARN ({@code arn:<partition>:s3:::<name>}). */
    public static final String BUCKET_ARN = "bucketArn";

    /**
     * The readable start of every bucket name Slipway derives ({@code io.slipway.model.AwsNames#bootstrapBucket}:
     * {@code slipway-<namespace>-<cluster>-<hash>}); S3BucketKindNamesTest keeps the two in step.
     */
    static final String NAME_PREFIX = "slipway-";
    /** How much of {@code <namespace>-<cluster>} the ListBuckets prefix uses: AwsNames never cuts a name shorter. */
    static final int LIST_PREFIX_CHARS = 32;

    static final String NO_TAGS = "NoSuchTagSet";

    /**
     * A bucket as found. {@code missingMarks}: the ownership tags an adopted untagged bucket still lacks (empty
     * otherwise).
     */
    public record State(String name, String arn, Map<String, String> tags, Map<String, String> missingMarks)
            implements Outputs {
        public State {
            tags = Collections.unmodifiableMap(new TreeMap<>(tags));
            missingMarks = Collections.unmodifiableMap(new TreeMap<>(missingMarks));
        }

        @Override
        public Map<String, String> outputs() {
            Map<String, String> outputs = new HashMap<>();
            outputs.put(BUCKET_NAME, name);
            if (arn != null) {
                outputs.put(BUCKET_ARN, arn);
            }
            return outputs;
        }
    }

    private final S3Client s3;
    private final Supplier<String> accountId;

    /** {@code accountId}: the account the client acts in, asked only when a bucket is desired. */
    public S3BucketKind(S3Client s3, Supplier<String> accountId) {
        this.s3 = s3;
        this.accountId = accountId;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<S3BucketSpec> specType() {
        return S3BucketSpec.class;
    }

    /**
     * Besides the tagged buckets of the owner, an UNTAGGED bucket is taken as the owner's when it is in this
     * account (ListBuckets lists no other's), has the owner's derived name and holds nothing but Slipway's objects:
     * <ul>
     *   <li>what a crash between CreateBucket and PutBucketTagging leaves (S3 endpoints that drop tags on create)
     *       is empty: objects are written only after the bucket's create, tagging included, has returned;</li>
     *   <li>a bucket whose tags someone deleted in the console holds only keys under the spec's objectPrefix.</li>
     * </ul>
     * Its tags are then put back by an update. On teardown (no spec) only an empty untagged bucket named exactly
     * {@code slipway-<namespace>-<cluster>-<8 hex>} is taken. Anything else under our name is refused as taken: an
     * untagged bucket with other keys holds someone's data, and one tagged for another cluster or scope is theirs.
     */
    @Override
    public List<LiveResource<State>> find(FindContext<S3BucketSpec> context) {
        Owner owner = context.owner();
        List<LiveResource<State>> found = new ArrayList<>();
        Map<String, DesiredResource<S3BucketSpec>> managed = new HashMap<>();
        for (DesiredResource<S3BucketSpec> desired : context.desired()) {
            if (desired.lifecycle() == Lifecycle.SHARED) {
                findShared(desired).ifPresent(found::add);
            } else {
                managed.put(desired.spec().name(), desired);
            }
        }
        boolean clusterScope = owner.owns(owner.id(), Owner.CLUSTER_SCOPE);
        if (!clusterScope && managed.isEmpty()) {
            // buckets are cluster-level: another scope (an instance group) owns none
            return found;
        }
        Set<String> settled = new HashSet<>();
        for (DesiredResource<S3BucketSpec> desired : managed.values()) {
            String name = desired.spec().name();
            DirectRead read = readDirectly(name, owner);
            if (read.settled()) {
                settled.add(name);
                if (read.ownedTags() != null) {
                    found.add(new LiveResource<>(NAME, OwnershipTags.ownedLogicalId(read.ownedTags(), owner).orElseThrow(),
                            name, new State(name, arn(desired), read.ownedTags(), Map.of()), true));
                }
            }
        }
        if (!managed.isEmpty() && settled.size() == managed.size()) {
            // the owner's only bucket name is the one derived for it: no other bucket of its can exist in this account
            return found;
        }
        settled.forEach(managed::remove);
        String ownerPrefix = listPrefix(owner);
        Set<String> prefixes = new LinkedHashSet<>();
        prefixes.add(ownerPrefix);
        managed.keySet().stream().filter(n -> !n.startsWith(ownerPrefix)).forEach(prefixes::add);
        Set<String> inAccount = new LinkedHashSet<>();
        prefixes.forEach(prefix -> inAccount.addAll(listBuckets(prefix)));
        inAccount.removeAll(settled);

        for (DesiredResource<S3BucketSpec> desired : managed.values()) {
            String name = desired.spec().name();
            if (!inAccount.contains(name) && existsElsewhere(name)) {
                throw BucketNameTaken.exception(name, "another AWS account (which one is not known)", null);
            }
        }
        for (String name : inAccount) {
            DesiredResource<S3BucketSpec> desired = managed.get(name);
            Map<String, String> tags = tags(name);
            Optional<String> logicalId = OwnershipTags.ownedLogicalId(tags, owner);
            if (logicalId.isPresent()) {
                found.add(new LiveResource<>(NAME, logicalId.get(), name,
                        new State(name, arn(desired), tags, Map.of()), true));
            } else if (tags.containsKey(OwnershipTags.CLUSTER)) {
                if (desired != null) {
                    throw BucketNameTaken.exception(name, "Slipway resources of " + tags.get(OwnershipTags.CLUSTER)
                            + " (scope " + tags.getOrDefault(OwnershipTags.SCOPE, Owner.CLUSTER_SCOPE) + ")", null);
                }
            } else if (clusterScope && (desired != null || isDerivedName(name, owner))) {
                if (!holdsOnly(name, desired == null ? null : desired.spec().objectPrefix())) {
                    if (desired != null) {
                        throw BucketNameTaken.exception(name, "a bucket in this account that carries no Slipway tags "
                                + "and holds objects Slipway did not write", null);
                    }
                    continue;
                }
                String id = desired != null ? desired.logicalId() : "untagged:" + name;
                Map<String, String> marks = owner.isEveryScope() ? Map.of(OwnershipTags.CLUSTER, owner.id())
                        : OwnershipTags.withOwnership(Map.of(), owner, id);
                found.add(new LiveResource<>(NAME, id, name, new State(name, arn(desired), tags, marks), true));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(S3BucketSpec desired, State live, Refs refs) {
        if (desired.isShared()) {
            // its existence is all that is checked
            return List.of();
        }
        List<FieldChange> changes = new ArrayList<>();
        live.missingMarks().forEach((key, value) -> changes.add(new FieldChange("tags." + key, null, value, false)));
        changes.addAll(new Diff(refs).tags(desired.tags(), live.tags()).changes());
        return changes;
    }

    @Override
    public State create(Owner owner, String logicalId, S3BucketSpec desired, Refs refs) {
        Map<String, String> tags = OwnershipTags.withOwnership(desired.tags(), owner, logicalId);
        String region = s3.serviceClientConfiguration().region().id();
        try {
            s3.createBucket(r -> r.bucket(desired.name()).createBucketConfiguration(c -> {
                        if (!Region.US_EAST_1.id().equals(region)) {
                            c.locationConstraint(region);
                        }
                        c.tags(toSdk(tags));
                    }));
        } catch (S3Exception e) {
            if (AwsCalls.hasCode(e, BucketNameTaken.CODE)) {
                throw BucketNameTaken.exception(desired.name(), "another AWS account (which one is not known)", e);
            }
            // BucketAlreadyOwnedByYou: an earlier attempt of this create succeeded (its answer was lost)
            if (!AwsCalls.hasCode(e, "BucketAlreadyOwnedByYou")) {
                throw e;
            }
        }
        if (!tags(desired.name()).entrySet().containsAll(tags.entrySet())) {
            putTags(desired.name(), tags);
        }
        return new State(desired.name(), arn(desired.partition(), desired.name()), tags, Map.of());
    }

    @Override
    public State update(String logicalId, S3BucketSpec desired, State live, List<FieldChange> changes, Refs refs) {
        Map<String, String> tags = live.tags();
        if (changes.stream().anyMatch(c -> c.field().startsWith("tags."))) {
            // PutBucketTagging replaces the set: keep what others added, put back ours
            Map<String, String> merged = new TreeMap<>(live.tags());
            merged.putAll(live.missingMarks());
            merged.putAll(desired.tags());
            putTags(live.name(), merged);
            tags = merged;
        }
        return new State(live.name(), live.arn() != null ? live.arn() : arn(desired.partition(), live.name()), tags,
                Map.of());
    }

    /** Empties the bucket, every version and delete marker, then deletes it; a bucket already gone is a success. */
    @Override
    public void delete(State live) {
        S3Versions.deleteAll(s3, live.name(), "");
        AwsCalls.ignoring(() -> s3.deleteBucket(r -> r.bucket(live.name())), "NoSuchBucket");
    }

    @Override
    public String cloudId(State live) {
        return live.name();
    }


    private Optional<LiveResource<State>> findShared(DesiredResource<S3BucketSpec> desired) {
        String name = desired.spec().name();
        try {
            s3.headBucket(r -> r.bucket(name));
        } catch (NoSuchBucketException e) {
            return Optional.empty();
        }
        return Optional.of(new LiveResource<>(NAME, desired.logicalId(), name,
                new State(name, arn(desired), Map.of(), Map.of()), false));
    }

    /** What one GetBucketTagging on a desired name tells: settled (ours, with tags; or absent: null) or not. */
    private record DirectRead(boolean settled, Map<String, String> ownedTags) {
        static final DirectRead ABSENT = new DirectRead(true, null);
        static final DirectRead UNSETTLED = new DirectRead(false, null);
    }

    /**
     * One GetBucketTagging on a desired bucket's name: ours when its tags carry the owner's marks, absent when no
     * bucket of that name exists anywhere; untagged, tagged for someone else, of another account (403) or region
     * (301) is left to the ListBuckets path.
     */
    private DirectRead readDirectly(String bucket, Owner owner) {
        try {
            Map<String, String> tags = new TreeMap<>();
            s3.getBucketTagging(r -> r.bucket(bucket).expectedBucketOwner(accountId.get()))
                    .tagSet().forEach(t -> tags.put(t.key(), t.value()));
            return OwnershipTags.ownedLogicalId(tags, owner).isPresent() ? new DirectRead(true, tags) : DirectRead.UNSETTLED;
        } catch (S3Exception e) {
            if (e instanceof NoSuchBucketException || AwsCalls.hasCode(e, "NoSuchBucket")) {
                return DirectRead.ABSENT;
            }
            if (AwsCalls.hasCode(e, NO_TAGS) || e.statusCode() == 403 || e.statusCode() == 301) {
                return DirectRead.UNSETTLED;
            }
            throw e;
        }
    }

    /** True when a bucket of that name exists outside this account (HeadBucket: 200, 403 or a redirect). */
    private boolean existsElsewhere(String name) {
        try {
            s3.headBucket(r -> r.bucket(name));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            if (e.statusCode() == 403 || e.statusCode() == 301) {
                return true;
            }
            throw e;
        }
    }

    private List<String> listBuckets(String prefix) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListBucketsResponse response = s3.listBuckets(r -> r.prefix(prefix).continuationToken(page));
            response.buckets().forEach(b -> names.add(b.name()));
            token = response.continuationToken();
        } while (token != null && !token.isEmpty());
        return names;
    }

    private Map<String, String> tags(String bucket) {
        try {
            Map<String, String> tags = new TreeMap<>();
            s3.getBucketTagging(r -> r.bucket(bucket)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
            return tags;
        } catch (S3Exception e) {
            if (AwsCalls.hasCode(e, NO_TAGS)) {
                return Map.of();
            }
            throw e;
        }
    }

    /** True when every version and delete marker is under {@code prefix} (null: the bucket must be empty). */
    private boolean holdsOnly(String bucket, String prefix) {
        var page = s3.listObjectVersions(r -> r.bucket(bucket));
        if (Boolean.TRUE.equals(page.isTruncated())) {
            return false;
        }
        return java.util.stream.Stream.concat(page.versions().stream().map(v -> v.key()),
                        page.deleteMarkers().stream().map(m -> m.key()))
                .allMatch(key -> prefix != null && key.startsWith(prefix));
    }

    private void putTags(String bucket, Map<String, String> tags) {
        s3.putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(toSdk(tags))));
    }

    private static List<Tag> toSdk(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static String arn(DesiredResource<S3BucketSpec> desired) {
        return desired == null ? null : arn(desired.spec().partition(), desired.spec().name());
    }

    private static String arn(String partition, String bucket) {
        return partition == null ? null : "arn:" + partition + ":s3:::" + bucket;
    }

    /** The ListBuckets prefix that covers every bucket name derived for the owner's cluster. */
    static String listPrefix(Owner owner) {
        String middle = owner.id().replace('/', '-');
        middle = middle.substring(0, Math.min(middle.length(), LIST_PREFIX_CHARS));
        int end = middle.length();
        while (end > 0 && middle.charAt(end - 1) == '-') {
            end--;
        }
        return NAME_PREFIX + middle.substring(0, end);
    }

    /** Exactly {@code slipway-<namespace>-<cluster>-<8 hex>}, as AwsNames derives it when nothing is cut. */
    static boolean isDerivedName(String name, Owner owner) {
        String head = NAME_PREFIX + owner.id().replace('/', '-') + "-";
        return name.startsWith(head) && name.substring(head.length()).matches("[0-9a-f]{8}");
    }
}
