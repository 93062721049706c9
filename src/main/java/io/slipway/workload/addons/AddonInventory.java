package io.slipway.workload.addons;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Slipway applied for one addon, kept in the workload cluster as a ConfigMap {@code slipway-addon-<name>} in
 * kube-system (in the manner of kubectl's ApplySet parent object): the chart version and every object. It is how a
 * later version finds the objects it dropped, whatever their kind.
 */
final class AddonInventory {
    static final String NAMESPACE = "kube-system";
    private static final String OBJECTS = "objects";
    private static final String VERSION = "version";
    private static final String CHART = "chart";

    private AddonInventory() {
    }

    static String name(String addon) {
        return "slipway-addon-" + addon;
    }

    /** What the inventory of an addon holds: the chart version last fully applied and the objects. */
    record Recorded(String version, Set<ObjectRef> objects) {
    }

    /** The inventory of {@code addon}; no version and no objects before its first apply. */
    static Recorded read(KubernetesClient client, String addon) {
        ConfigMap map = client.configMaps().inNamespace(NAMESPACE).withName(name(addon)).get();
        if (map == null || map.getData() == null || map.getData().get(OBJECTS) == null) {
            return new Recorded("", Set.of());
        }
        Set<ObjectRef> objects = Arrays.stream(map.getData().get(OBJECTS).split("\n"))
                .filter(line -> !line.isBlank())
                .map(ObjectRef::parse)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new Recorded(map.getData().getOrDefault(VERSION, ""), objects);
    }

    static void write(KubernetesClient client, ChannelAddon addon, Collection<ObjectRef> objects) {
        ConfigMap map = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name(addon.name()))
                .withNamespace(NAMESPACE)
                .withLabels(Map.of(AddonLabels.ADDON, addon.name(), AddonLabels.MANAGED_BY, AddonLabels.SLIPWAY))
                .endMetadata()
                .withData(Map.of(
                        CHART, addon.chartReference(),
                        VERSION, addon.version(),
                        OBJECTS, objects.stream().map(ObjectRef::line).sorted().collect(Collectors.joining("\n"))))
                .build();
        client.configMaps().inNamespace(NAMESPACE).resource(map)
                .fieldManager(AddonLabels.FIELD_MANAGER).forceConflicts().serverSideApply();
    }
}
