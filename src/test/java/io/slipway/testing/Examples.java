package io.slipway.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The objects of the project's example manifests (examples/), as a user's client sends them. */
public final class Examples {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Examples() {
    }

    /** The object of {@code type} named {@code name} among the documents of {@code file}. */
    public static <T extends HasMetadata> T read(Class<T> type, String file, String name) {
        try {
            return Arrays.stream(Files.readString(Path.of(file)).split("(?m)^---\\s*$"))
                    .filter(doc -> doc.contains("kind: " + type.getSimpleName()))
                    .map(doc -> SERIALIZATION.unmarshal(doc, type))
                    .filter(r -> r.getMetadata().getName().equals(name)).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
