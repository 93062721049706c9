package io.slipway.api;

public enum InstanceGroupRole {
    ControlPlane, Node, Bastion
}
