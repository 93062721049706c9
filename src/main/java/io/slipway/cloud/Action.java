package io.slipway.cloud;

public enum Action {
    CREATE, UPDATE, DELETE, NONE
}
