package io.slipway.testing;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An image that RunInstances accepts in moto, for tests to which the instance's OS does not matter. Moto answers
 * DescribeImages for the owner "amazon" with all of its ~1,200 bundled images, which takes seconds (their XML parsed
 * too); the bundled images keep their ids across resets, so each region is asked once per JVM.
 */
public final class MotoImages {
    private static final Map<Region, String> ANY = new ConcurrentHashMap<>();

    private MotoImages() {
    }

    /** The id of one of moto's bundled images in the client's region. */
    public static String any(Ec2Client ec2) {
        return ANY.computeIfAbsent(ec2.serviceClientConfiguration().region(),
                region -> ec2.describeImages(r -> r.owners("amazon")).images().get(0).imageId());
    }
}
