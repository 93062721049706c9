package io.slipway.kops;

/**
 * A kops field that has no place in the Slipway output, and why.
 *
 * @param source the kops object, e.g. {@code Cluster/example.com} or {@code InstanceGroup/nodes-us-east-1a}
 * @param path   the field's path in that object, e.g. {@code spec.etcdClusters}
 */
public record NotCarriedOver(String source, String path, String reason) {
    @Override
    public String toString() {
        return source + " " + path + ": " + reason;
    }
}
