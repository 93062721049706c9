package io.slipway.aws.ec2;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;

/**
 * Moved to {@link io.slipway.testing.Boto3Inventory}; kept only so that tests written against the old place on
 * branches merged at the same time still compile. Remove once nothing imports it.
 */
@Deprecated(forRemoval = true)
public final class Boto3Inventory {
    private Boto3Inventory() {
    }

    public static JsonNode tagged(URI endpoint, String owner) {
        return io.slipway.testing.Boto3Inventory.tagged(endpoint, owner);
    }

    public static JsonNode taggedWith(URI endpoint, String keyValue) {
        return io.slipway.testing.Boto3Inventory.taggedWith(endpoint, keyValue);
    }

    public static JsonNode vpc(URI endpoint, String vpcId) {
        return io.slipway.testing.Boto3Inventory.vpc(endpoint, vpcId);
    }

    public static int count(JsonNode tagged) {
        return io.slipway.testing.Boto3Inventory.count(tagged);
    }
}
