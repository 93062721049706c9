package io.slipway.cloud;

/** A change with what the executor needs to carry it out. Internal to the engine. */
record Step(Change change, ResourceKind<?, ?> kind, DesiredResource<?> desired, LiveResource<?> live) {
    String key() {
        return change.key();
    }
}
