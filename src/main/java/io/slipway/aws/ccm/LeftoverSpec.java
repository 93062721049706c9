package io.slipway.aws.ccm;

import io.slipway.cloud.Ref;
import io.slipway.cloud.ResourceSpec;

import java.util.List;

/**
 * The spec type of the delete-only kinds: no desired graph ever holds one (Slipway does not make what the
 * cloud-controller-manager or the CSI driver makes), it only gives those kinds a type.
 */
public record LeftoverSpec(String kind) implements ResourceSpec {
    @Override
    public List<Ref> references() {
        return List.of();
    }
}
