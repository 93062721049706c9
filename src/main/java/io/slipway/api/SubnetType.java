package io.slipway.api;

public enum SubnetType {
    Public, Private, Utility
}
