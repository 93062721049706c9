package io.slipway.validation;

import io.fabric8.generator.annotation.ValidationRule;
import io.slipway.api.Cluster;
import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroup;
import io.slipway.api.InstanceGroupSpec;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every CEL rule of the API types (on classes and fields, reached from the two kinds and their specs) has its message in
 * {@link CelMessages}: adding a rule to the CRD without teaching the validators fails here.
 */
class CelRuleCoverageTest {

    @Test
    void everyCelRuleIsReimplemented() throws IllegalAccessException {
        Set<String> ruleMessages = new HashSet<>();
        Set<Class<?>> seen = new HashSet<>();
        collect(Cluster.class, ruleMessages, seen);
        collect(ClusterSpec.class, ruleMessages, seen);
        collect(InstanceGroup.class, ruleMessages, seen);
        collect(InstanceGroupSpec.class, ruleMessages, seen);

        Set<String> known = new HashSet<>();
        for (Field f : CelMessages.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                f.setAccessible(true);
                known.add((String) f.get(null));
            }
        }
        assertThat(ruleMessages).hasSizeGreaterThanOrEqualTo(24);
        assertThat(known).containsAll(ruleMessages);
    }

    private static void collect(Class<?> type, Set<String> messages, Set<Class<?>> seen) {
        if (!seen.add(type) || !type.getPackageName().equals("io.slipway.api")) {
            return;
        }
        for (ValidationRule r : type.getAnnotationsByType(ValidationRule.class)) {
            messages.add(r.message());
        }
        for (Field f : SchemaRules.fields(type)) {
            for (ValidationRule r : f.getAnnotationsByType(ValidationRule.class)) {
                messages.add(r.message());
            }
            for (Class<?> nested : nestedTypes(f)) {
                collect(nested, messages, seen);
            }
        }
    }

    private static List<Class<?>> nestedTypes(Field f) {
        List<Class<?>> types = new ArrayList<>();
        types.add(f.getType());
        if (f.getGenericType() instanceof java.lang.reflect.ParameterizedType p) {
            for (java.lang.reflect.Type t : p.getActualTypeArguments()) {
                if (t instanceof Class<?> c) {
                    types.add(c);
                }
            }
        }
        return types;
    }
}
