package io.slipway.testing.charts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small Helm chart a test builds itself: Chart.yaml from name and version, values.yaml, templates/ and crds/
 * files by name. Immutable; {@code with}/{@code without} give changed copies.
 */
public record TestChart(String name, String version, String values, Map<String, String> templates,
                        Map<String, String> crds) {

    public TestChart {
        templates = Map.copyOf(templates);
        crds = Map.copyOf(crds);
    }

    public TestChart atVersion(String newVersion) {
        return new TestChart(name, newVersion, values, templates, crds);
    }

    public TestChart withTemplate(String file, String content) {
        Map<String, String> changed = new LinkedHashMap<>(templates);
        changed.put(file, content);
        return new TestChart(name, version, values, changed, crds);
    }

    public TestChart withoutTemplate(String file) {
        if (!templates.containsKey(file)) {
            throw new IllegalArgumentException(name + " has no template " + file);
        }
        Map<String, String> changed = new LinkedHashMap<>(templates);
        changed.remove(file);
        return new TestChart(name, version, values, changed, crds);
    }

    public TestChart withoutCrds() {
        return new TestChart(name, version, values, templates, Map.of());
    }

    String chartYaml() {
        return """
                apiVersion: v2
                name: %s
                version: %s
                appVersion: "%s"
                description: a small stand-in for the upstream %s chart, built by a test
                """.formatted(name, version, version, name);
    }
}
