package io.slipway.aws.s3;

import io.slipway.aws.AwsCalls;
import io.slipway.cloud.DesiredResource;
import io.slipway.cloud.Diff;
import io.slipway.cloud.FieldChange;
import io.slipway.cloud.FindContext;
import io.slipway.cloud.LiveResource;
import io.slipway.cloud.Owner;
import io.slipway.cloud.Refs;
import io.slipway.cloud.ResourceKind;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the four bucket settings (encryption, public access block, versioning, object ownership) share. A setting
 * carries no tags of its own: it is the owner's when its bucket is ({@link S3BucketKind} found it owned), so a
 * shared bucket's settings are never read or changed. Find: one Get call per owned bucket that the graph gives this
 * setting (the cluster has one bucket: one call). Create and update: one Put call. Delete: one call, and a bucket
 * already gone is a success.
 */
abstract class S3BucketSettingKind<S extends S3BucketSettingSpec> implements ResourceKind<S, S3BucketSettingKind.State> {

    /** A setting as found: its bucket and the setting described as {@link S3BucketSettingSpec#value()} does. */
    public record State(String bucket, String value) {
    }

    protected final S3Client s3;

    S3BucketSettingKind(S3Client s3) {
        this.s3 = s3;
    }

    /** The setting's name in a diff, e.g. {@code versioning}. */
    abstract String field();

    /** The bucket's setting, described as the spec's {@code value()} is; empty when the bucket has none. */
    abstract Optional<String> read(String bucket);

    abstract void put(String bucket, S desired);

    /** Takes the setting off (or back to S3's default). */
    abstract void remove(String bucket);

    @Override
    public Set<String> findsAfter() {
        return Set.of(S3BucketKind.NAME);
    }

    @Override
    public List<LiveResource<State>> find(FindContext<S> context) {
        Set<String> ownedBuckets = new java.util.HashSet<>();
        for (LiveResource<?> bucket : context.found(S3BucketKind.NAME)) {
            if (bucket.owned()) {
                ownedBuckets.add(bucket.cloudId());
            }
        }
        List<LiveResource<State>> found = new ArrayList<>();
        for (DesiredResource<S> desired : context.desired()) {
            Optional<String> bucket = context.refs().value(desired.spec().bucket()).filter(ownedBuckets::contains);
            if (bucket.isPresent()) {
                readIgnoringGone(bucket.get()).ifPresent(value -> found.add(new LiveResource<>(name(), desired.logicalId(),
                        cloudId(bucket.get()), new State(bucket.get(), value), true)));
            }
        }
        return found;
    }

    @Override
    public List<FieldChange> diff(S desired, State live, Refs refs) {
        return new Diff(refs).field(field(), desired.value(), live.value()).changes();
    }

    @Override
    public State create(Owner owner, String logicalId, S desired, Refs refs) {
        String bucket = refs.require(desired.bucket());
        put(bucket, desired);
        return new State(bucket, desired.value());
    }

    @Override
    public State update(String logicalId, S desired, State live, List<FieldChange> changes, Refs refs) {
        put(live.bucket(), desired);
        return new State(live.bucket(), desired.value());
    }

    @Override
    public void delete(State live) {
        AwsCalls.ignoring(() -> remove(live.bucket()), "NoSuchBucket");
    }

    @Override
    public String cloudId(State live) {
        return cloudId(live.bucket());
    }

    /** Its bucket: deleted after it. */
    @Override
    public Set<String> references(State live) {
        return Set.of(live.bucket());
    }

    private String cloudId(String bucket) {
        return bucket + "#" + field();
    }

    private Optional<String> readIgnoringGone(String bucket) {
        try {
            return read(bucket);
        } catch (S3Exception e) {
            // deleted between ListBuckets and this read
            if (AwsCalls.hasCode(e, "NoSuchBucket")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code read} for Get calls that answer {@code notFoundCode} when the bucket has no such setting. */
    static <T> Optional<T> readOrEmpty(String notFoundCode, java.util.function.Supplier<T> read) {
        try {
            return Optional.ofNullable(read.get());
        } catch (S3Exception e) {
            if (AwsCalls.hasCode(e, notFoundCode)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
