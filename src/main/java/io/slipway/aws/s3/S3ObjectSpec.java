package io.slipway.aws.s3;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;
import io.slipway.cloud.SecretBytes;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An object in a bucket whose content is secret: only its SHA-256 is ever printed (see {@link SecretBytes}).
 *
 * @param bucket      the bucket's name, a reference to the bucket resource's {@link S3BucketKind#BUCKET_NAME}
 * @param key         the object key
 * @param ownedPrefix every key under this prefix in the bucket belongs to the owner (the cluster's folder of
 *                    bootstrap objects); a found key there that no desired object names is deleted
 * @param content     the body
 * @param encryption  server-side encryption of the object
 * @param tags        tags of the object (the ownership tags are added when it is written)
 */
public record S3ObjectSpec(Ref bucket, String key, String ownedPrefix, SecretBytes content,
                           S3BucketSpec.Encryption encryption, Map<String, String> tags) implements ResourceSpec {
    public S3ObjectSpec {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ownedPrefix, "ownedPrefix");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(encryption, "encryption");
        if (!key.startsWith(ownedPrefix)) {
            throw new IllegalArgumentException("key " + key + " is not under " + ownedPrefix);
        }
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    @Override
    public String kind() {
        return S3ObjectKind.NAME;
    }

    @Override
    public List<Ref> references() {
        return List.of(bucket);
    }
}
