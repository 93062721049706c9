package io.slipway.kops;

/** The input cannot be converted at all (exit code 2): not YAML, no Cluster, an InstanceGroup of another cluster. */
public final class KopsInputException extends Exception {
    public KopsInputException(String message) {
        super(message);
    }
}
