package io.slipway.workload.addons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.slipway.api.NetworkingSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The addon channel: every addon with its pinned chart, read from {@code addons/channel.yaml} in the resources. */
public record AddonChannel(List<ChannelAddon> addons) {
    public static final String RESOURCE = "addons/channel.yaml";
    private static final YAMLMapper YAML = new YAMLMapper();

    public AddonChannel {
        addons = List.copyOf(addons);
    }

    /** The channel shipped with the operator. */
    public static AddonChannel load() {
        try (InputStream in = AddonChannel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the addon channel " + RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the addon channel " + RESOURCE, e);
        }
    }

    /** Parses a channel document; every addon needs a unique name, a repository, a chart, a version and a namespace. */
    public static AddonChannel parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("the addon channel is not YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.path("addons").isArray()) {
            throw new IllegalArgumentException("the addon channel needs a list `addons`");
        }
        List<ChannelAddon> addons = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode entry : root.path("addons")) {
            String where = "addons[" + index++ + "]";
            String name = required(entry, "name", where);
            if (!names.add(name)) {
                throw new IllegalArgumentException(where + ": duplicate addon name " + name);
            }
            JsonNode values = entry.path("values");
            if (!values.isMissingNode() && !values.isNull() && !values.isObject()) {
                throw new IllegalArgumentException(where + ".values: must be a map of Helm values");
            }
            String cni = entry.hasNonNull("cni") ? entry.get("cni").asText() : null;
            addons.add(new ChannelAddon(name, cni, required(entry, "repository", where), required(entry, "chart", where),
                    required(entry, "version", where), required(entry, "namespace", where),
                    values.isObject() ? values : JsonNodeFactory.instance.objectNode()));
        }
        return new AddonChannel(addons);
    }

    /**
     * The addons for a cluster whose networking selects {@code cni}: every addon without a CNI, and the CNI addon of
     * that provider. Empty for the CNI when the cluster brings its own ({@code networking.cni}).
     */
    public List<ChannelAddon> forCni(NetworkingSpec.Cni cni) {
        return addons.stream()
                .filter(a -> a.cniProvider().map(p -> p.equals(providerName(cni))).orElse(true))
                .toList();
    }

    /** Whether the channel has a chart for this CNI; {@code NONE} (bring your own) needs none. */
    public boolean hasCni(NetworkingSpec.Cni cni) {
        return cni == NetworkingSpec.Cni.NONE
                || addons.stream().anyMatch(a -> a.cniProvider().map(p -> p.equals(providerName(cni))).orElse(false));
    }

    public Optional<ChannelAddon> find(String name) {
        return addons.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The spec.networking field name of a CNI, as the channel's {@code cni} names it. */
    public static String providerName(NetworkingSpec.Cni cni) {
        return switch (cni) {
            case CILIUM -> "cilium";
            case CALICO -> "calico";
            case AMAZON_VPC -> "amazonvpc";
            case NONE -> "cni";
        };
    }

    private static String required(JsonNode entry, String field, String where) {
        JsonNode value = entry.path(field);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + "." + field + ": required");
        }
        return value.asText();
    }
}
