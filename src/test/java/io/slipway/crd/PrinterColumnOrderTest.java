package io.slipway.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import io.slipway.api.Cluster;
import io.slipway.api.InstanceGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** kubectl prints the columns in CRD order; the generator would sort them by JSON path (Age first). */
class PrinterColumnOrderTest {

    @Test
    void clusterColumnsFollowTheAnnotationOrder() {
        assertThat(columnNames(GeneratedCrds.CLUSTERS))
                .containsExactly("Version", "Region", "Ready", "Phase", "Reason", "Age")
                .containsExactlyElementsOf(PrinterColumnsInDeclarationOrder.declaredColumnNames(Cluster.class));
    }

    @Test
    void instanceGroupColumnsFollowTheAnnotationOrder() {
        assertThat(columnNames(GeneratedCrds.INSTANCE_GROUPS))
                .containsExactly("Cluster", "Role", "Machine-Type", "Min", "Max", "Ready", "Up-To-Date", "Age")
                .containsExactlyElementsOf(PrinterColumnsInDeclarationOrder.declaredColumnNames(InstanceGroup.class));
    }

    @Test
    void columnsWithoutAnAnnotationKeepTheirOrderAfterTheDeclaredOnes() {
        List<CustomResourceColumnDefinition> generated = List.of(
                column("Age"), column("Extra-B"), column("Version"), column("Extra-A"), column("Region"));
        List<String> sorted = PrinterColumnsInDeclarationOrder.inOrder(generated, List.of("Version", "Region", "Age"))
                .stream().map(CustomResourceColumnDefinition::getName).toList();
        assertThat(sorted).containsExactly("Version", "Region", "Age", "Extra-B", "Extra-A");
    }

    private static CustomResourceColumnDefinition column(String name) {
        return new CustomResourceColumnDefinitionBuilder().withName(name).withJsonPath(".x").withType("string").build();
    }

    private static List<String> columnNames(String file) {
        List<String> names = new ArrayList<>();
        for (JsonNode column : GeneratedCrds.tree(file).at("/spec/versions/0/additionalPrinterColumns")) {
            names.add(column.get("name").asText());
        }
        return names;
    }
}
