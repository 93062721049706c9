package io.slipway.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Build-time CRD post-processor (QOSDK {@code quarkus.operator-sdk.crd.post-processor}): the Fabric8 generator sorts
 * additionalPrinterColumns by JSON path (fabric8io/kubernetes-client#7454), but kubectl prints them in CRD order. This
 * restores the order in which the {@link AdditionalPrinterColumn} annotations are declared on the resource class.
 * It runs inside the Quarkus build (package, tests, dev mode), so every generated copy of the CRDs agrees.
 * Columns without a matching annotation keep their generated order, after the annotated ones.
 */
public class PrinterColumnsInDeclarationOrder implements CRDPostProcessor {

    private static final List<Class<? extends HasMetadata>> RESOURCES = List.of(Cluster.class, InstanceGroup.class);

    private final Map<String, Class<? extends HasMetadata>> resourceByCrdName = RESOURCES.stream()
            .collect(Collectors.toMap(HasMetadata::getFullResourceName, Function.identity()));

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (!(crd instanceof CustomResourceDefinition definition)) {
            return crd;
        }
        Class<? extends HasMetadata> resource = resourceByCrdName.get(definition.getMetadata().getName());
        if (resource == null) {
            return crd;
        }
        List<String> declared = declaredColumnNames(resource);
        for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
            version.setAdditionalPrinterColumns(inOrder(version.getAdditionalPrinterColumns(), declared));
        }
        return crd;
    }

    /** The column names of the class's {@code @AdditionalPrinterColumn} annotations, in declaration order. */
    public static List<String> declaredColumnNames(Class<?> resource) {
        List<String> names = new ArrayList<>();
        for (AdditionalPrinterColumn column : resource.getAnnotationsByType(AdditionalPrinterColumn.class)) {
            names.add(column.name());
        }
        return names;
    }

    static List<CustomResourceColumnDefinition> inOrder(List<CustomResourceColumnDefinition> columns, List<String> declared) {
        if (columns == null || columns.isEmpty()) {
            return columns;
        }
        List<CustomResourceColumnDefinition> sorted = new ArrayList<>(columns);
        // stable sort: unannotated columns (position = size) keep their relative order at the end
        sorted.sort(Comparator.comparingInt(c -> {
            int position = declared.indexOf(c.getName());
            return position < 0 ? declared.size() : position;
        }));
        return sorted;
    }
}
