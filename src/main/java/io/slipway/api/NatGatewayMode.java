package io.slipway.api;

public enum NatGatewayMode {
    PerZone, Single, None
}
