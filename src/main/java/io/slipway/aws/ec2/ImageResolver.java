package io.slipway.aws.ec2;

import io.slipway.aws.AwsCalls;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Image;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an InstanceGroup's {@code spec.image} into an AMI with one DescribeImages: an id ({@code ami-...}) is read
 * as is (for its root device); {@code owner/name-filter}, as in kops, is the newest image of that owner whose name
 * matches the filter, by CreationDate. When nothing matches, the failure is EC2's own "InvalidAMIID.NotFound"
 * (a missing input: waiting never helps) naming spec.image.
 */
public final class ImageResolver {
    /** kops' owner aliases. */
    private static final Map<String, String> OWNER_ALIASES = Map.of(
            "ubuntu", "099720109477",
            "debian", "136693071363",
            "redhat", "309956199498");

    /** The image's id, root device and that device's size in GiB (null when the image does not say). */
    public record ResolvedImage(String id, String rootDeviceName, Integer rootVolumeSize) {
    }

    private final Ec2Client ec2;

    public ImageResolver(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /**
     * As {@link #resolve(String)}, once per image within {@code share}'s lifetime: the groups of a cluster that run
     * one image resolve it with one DescribeImages.
     */
    public ResolvedImage resolve(String image, io.slipway.cloud.ReadShare share) {
        return share.get("ec2:DescribeImages:" + image, ResolvedImage.class, () -> resolve(image));
    }

    public ResolvedImage resolve(String image) {
        if (image.startsWith("ami-")) {
            List<Image> found;
            try {
                found = ec2.describeImages(r -> r.imageIds(image)).images();
            } catch (Ec2Exception e) {
                if (AwsCalls.hasCode(e, "InvalidAMIID.NotFound", "InvalidAMIID.Malformed")) {
                    throw notFound(image, "no such image in this account and region");
                }
                throw e;
            }
            return found.stream().findFirst().map(ImageResolver::resolved)
                    .orElseThrow(() -> notFound(image, "no such image in this account and region"));
        }
        int slash = image.indexOf('/');
        if (slash <= 0 || slash == image.length() - 1) {
            throw notFound(image, "neither an image id nor owner/name-filter");
        }
        String owner = OWNER_ALIASES.getOrDefault(image.substring(0, slash), image.substring(0, slash));
        String nameFilter = image.substring(slash + 1);
        DescribeImagesRequest request = DescribeImagesRequest.builder().owners(owner)
                .filters(Ec2Tags.filter("name", nameFilter), Ec2Tags.filter("state", "available")).build();
        return newest(ec2.describeImages(request).images()).map(ImageResolver::resolved)
                .orElseThrow(() -> notFound(image, "no image of owner " + owner + " has a name matching " + nameFilter));
    }

    /** The newest by CreationDate (ISO 8601, so text order is time order); of two of one date, the greater name. */
    static Optional<Image> newest(List<Image> images) {
        return images.stream().max(Comparator.comparing((Image i) -> i.creationDate() == null ? "" : i.creationDate())
                .thenComparing(i -> i.name() == null ? "" : i.name()));
    }

    private static ResolvedImage resolved(Image image) {
        String root = image.rootDeviceName() == null ? "/dev/xvda" : image.rootDeviceName();
        Integer size = image.blockDeviceMappings().stream().filter(m -> root.equals(m.deviceName()) && m.ebs() != null)
                .map(m -> m.ebs().volumeSize()).findFirst().orElse(null);
        return new ResolvedImage(image.imageId(), root, size);
    }

    private static Ec2Exception notFound(String image, String why) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(400)
                .message("spec.image " + image + ": " + why)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidAMIID.NotFound").serviceName("Ec2")
                        .errorMessage("spec.image " + image + ": " + why).build())
                .build();
    }
}
