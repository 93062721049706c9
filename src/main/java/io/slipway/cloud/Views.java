package io.slipway.cloud;

/** Turns typed live state into public views. */
final class Views {
    private Views() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static ResourceState state(Kinds kinds, LiveResource<?> resource) {
        ResourceKind kind = kinds.get(resource.kind());
        return new ResourceState(resource.kind(), resource.logicalId(), resource.cloudId(), resource.owned(),
                kind.ready(resource.state()), kind.outputs(resource.state()));
    }
}
