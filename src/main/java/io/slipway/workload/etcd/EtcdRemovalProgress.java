package io.slipway.workload.etcd;

/** Where the removal of a node's etcd member stands; {@code message} says why when it is not {@code DONE}. */
public record EtcdRemovalProgress(State state, String message) {
    public enum State { DONE, IN_PROGRESS, FAILED }

    public static EtcdRemovalProgress done() {
        return new EtcdRemovalProgress(State.DONE, "");
    }

    public static EtcdRemovalProgress inProgress(String message) {
        return new EtcdRemovalProgress(State.IN_PROGRESS, message);
    }

    public static EtcdRemovalProgress failed(String message) {
        return new EtcdRemovalProgress(State.FAILED, message);
    }
}
