package io.slipway.testing.kube;

import java.util.Arrays;

/**
 * A resource URL split into its parts: {@code /api/v1/namespaces/ns/pods/name/status} or
 * {@code /apis/group/version/[namespaces/ns/]plural[/name[/subresource]]}.
 */
record ResourcePath(String group, String version, String namespace, String plural, String name, String subresource) {

    static ResourcePath parse(String rawPath) {
        String[] parts = Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        int i;
        String group;
        if (parts.length >= 3 && parts[0].equals("api")) {
            group = "";
            i = 1;
        } else if (parts.length >= 4 && parts[0].equals("apis")) {
            group = parts[1];
            i = 2;
        } else {
            return null;
        }
        String version = parts[i++];
        String[] rest = Arrays.copyOfRange(parts, i, parts.length);
        String namespace = null;
        // namespaces/<ns>/<plural>..., but namespaces/<name>/status|finalize is the Namespace itself
        if (rest.length >= 3 && rest[0].equals("namespaces") && !(group.isEmpty() && rest.length == 3
                && (rest[2].equals("status") || rest[2].equals("finalize")))) {
            namespace = rest[1];
            rest = Arrays.copyOfRange(rest, 2, rest.length);
        }
        if (rest.length == 0 || rest.length > 3) {
            return null;
        }
        return new ResourcePath(group, version, namespace, rest[0], rest.length > 1 ? rest[1] : null,
                rest.length > 2 ? rest[2] : null);
    }

    /** The path of the collection this object belongs to. */
    String collectionPath() {
        StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (namespace != null) {
            path.append("/namespaces/").append(namespace);
        }
        return path.append('/').append(plural).toString();
    }

    /** The path of the object itself (without subresource). */
    String objectPath() {
        return collectionPath() + "/" + name;
    }

    String qualifiedPlural() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    ResourcePath withName(String newName) {
        return new ResourcePath(group, version, namespace, plural, newName, subresource);
    }

    ResourcePath withSubresource(String newSubresource) {
        return new ResourcePath(group, version, namespace, plural, name, newSubresource);
    }
}
