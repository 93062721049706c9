package io.slipway.aws.ec2;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An instance group's launch template. Everything but {@code name} and {@code tags} ends on an instance, and
 * {@code configHash} (made by the model over exactly that) says when it changed: a new hash makes a new version.
 *
 * @param name             the template's name (unique in the account and region)
 * @param configHash       hash of everything that ends on an instance; put on the template's versions and tags
 * @param imageId          the resolved AMI
 * @param rootDeviceName   the image's root device, whose volume {@code rootVolume} describes
 * @param instanceType     EC2 instance type
 * @param rootVolume       the root EBS volume
 * @param httpTokens       IMDS: required (IMDSv2 only) or optional
 * @param hopLimit         IMDS response hop limit; null: AWS's default
 * @param securityGroups   security groups of the instances (references to the cluster's, literal ids of the user's)
 * @param instanceProfile  the instance profile's ARN ({@code Ref.output(profileId, ARN)})
 * @param spotMaxPrice     highest spot price: the instances are spot instances; null: on demand
 * @param userData         the instances' user data, plain text (never a secret: bootstrap secrets stay in the store)
 * @param tags             tags of the launch template itself
 * @param instanceTags     tags of the instances and their volumes
 */
public record LaunchTemplateSpec(String name, String configHash, String imageId, String rootDeviceName,
                                 String instanceType, RootVolume rootVolume, String httpTokens, Integer hopLimit,
                                 List<Ref> securityGroups, Ref instanceProfile, String spotMaxPrice, String userData,
                                 Map<String, String> tags, Map<String, String> instanceTags) implements ResourceSpec {
    /** kops' RootVolumeSpec; null fields take AWS's (or the image's) defaults. */
    public record RootVolume(Integer size, String type, Integer iops, Integer throughput, boolean encrypted,
                             String kmsKeyId) {
    }

    public LaunchTemplateSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configHash, "configHash");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(rootDeviceName, "rootDeviceName");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(rootVolume, "rootVolume");
        Objects.requireNonNull(instanceProfile, "instanceProfile");
        securityGroups = List.copyOf(securityGroups);
        userData = userData == null ? "" : userData;
        tags = Ec2Tags.sorted(tags);
        instanceTags = Ec2Tags.sorted(instanceTags);
    }

    @Override
    public String kind() {
        return LaunchTemplateKind.NAME;
    }

    @Override
    public List<Ref> references() {
        List<Ref> references = new ArrayList<>(securityGroups);
        references.add(instanceProfile);
        return references;
    }

    /** The user data by its hash only: a plan or log line never carries kilobytes of script. */
    @Override
    public String toString() {
        return "LaunchTemplateSpec[name=" + name + ", configHash=" + configHash + ", imageId=" + imageId
                + ", rootDeviceName=" + rootDeviceName + ", instanceType=" + instanceType + ", rootVolume=" + rootVolume
                + ", httpTokens=" + httpTokens + ", hopLimit=" + hopLimit + ", securityGroups=" + securityGroups
                + ", instanceProfile=" + instanceProfile + ", spotMaxPrice=" + spotMaxPrice
                + ", userData=sha256:" + sha256(userData) + ", tags=" + tags + ", instanceTags=" + instanceTags + "]";
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
