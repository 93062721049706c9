package io.slipway.workload.addons;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Identity of a Kubernetes object as an addon's inventory records it; namespace is empty for cluster-scoped kinds. */
record ObjectRef(String apiVersion, String kind, String namespace, String name) {
    private static final String SEPARATOR = " ";

    ObjectRef {
        namespace = namespace == null ? "" : namespace;
    }

    static ObjectRef of(HasMetadata object) {
        return new ObjectRef(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName());
    }

    /** One line of the inventory: {@code apiVersion kind namespace name}, {@code -} for no namespace. */
    String line() {
        return String.join(SEPARATOR, apiVersion, kind, namespace.isEmpty() ? "-" : namespace, name);
    }

    static ObjectRef parse(String line) {
        String[] parts = line.trim().split(SEPARATOR);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an inventory line: " + line);
        }
        return new ObjectRef(parts[0], parts[1], parts[2].equals("-") ? "" : parts[2], parts[3]);
    }

    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
