package io.slipway.validation;

import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroupSpec;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The validators never throw, whatever arrives: every field and list element of the valid fixtures is in
 * turn set to null, an empty string or an extreme number, and both validators must still answer.
 */
class RobustnessTest {

    /** A step from an object to one of its parts: a field, or a list index. */
    private record Step(Field field, int index) {
        Object get(Object from) throws IllegalAccessException {
            return field != null ? field.get(from) : ((List<?>) from).get(index);
        }

        @SuppressWarnings("unchecked")
        void set(Object owner, Object value) throws IllegalAccessException {
            if (field != null) {
                field.set(owner, value);
            } else {
                ((List<Object>) owner).set(index, value);
            }
        }

        Class<?> type(Object current) {
            return field != null ? field.getType() : current == null ? Object.class : current.getClass();
        }
    }

    @Test
    void clusterValidatorNeverThrows() throws Exception {
        int mutations = mutateEverywhere(Fixtures::cluster, spec -> ClusterSpecValidator.validate((ClusterSpec) spec));
        assertThat(mutations).isGreaterThan(100);
    }

    @Test
    void instanceGroupValidatorNeverThrows() throws Exception {
        ClusterSpec cluster = Fixtures.cluster();
        int mutations = 0;
        for (Supplier<Object> fixture : List.<Supplier<Object>>of(Fixtures::controlPlane, Fixtures::nodes, Fixtures::bastion)) {
            mutations += mutateEverywhere(fixture, ig -> InstanceGroupSpecValidator.validate((InstanceGroupSpec) ig, cluster));
            mutations += mutateEverywhere(fixture, ig -> InstanceGroupSpecValidator.validate((InstanceGroupSpec) ig, null));
        }
        assertThat(mutations).isGreaterThan(100);
    }

    @Test
    void instanceGroupValidatorSurvivesABrokenCluster() throws Exception {
        int mutations = mutateEverywhere(Fixtures::cluster, c -> InstanceGroupSpecValidator.validate(Fixtures.nodes(), (ClusterSpec) c));
        assertThat(mutations).isGreaterThan(100);
    }

    @Test
    void immutableFieldsNeverThrow() throws Exception {
        mutateEverywhere(Fixtures::cluster, c -> ImmutableFields.check(Fixtures.cluster(), (ClusterSpec) c));
        mutateEverywhere(Fixtures::cluster, c -> ImmutableFields.check((ClusterSpec) c, Fixtures.cluster()));
    }

    private static int mutateEverywhere(Supplier<Object> fixture, java.util.function.Function<Object, List<FieldError>> validator) throws Exception {
        List<List<Step>> paths = new ArrayList<>();
        collect(fixture.get(), new ArrayList<>(), paths);
        int count = 0;
        for (List<Step> path : paths) {
            for (Object replacement : new Object[]{null, "", -1, Integer.MAX_VALUE}) {
                Object root = fixture.get();
                Object owner = root;
                for (int i = 0; i < path.size() - 1; i++) {
                    owner = path.get(i).get(owner);
                }
                Step last = path.get(path.size() - 1);
                Object current = last.get(owner);
                Class<?> type = last.type(current);
                boolean fits = replacement == null ? !type.isPrimitive()
                        : replacement instanceof String ? type == String.class
                        : type == Integer.class;
                if (!fits) {
                    continue;
                }
                last.set(owner, replacement);
                count++;
                String where = describe(path) + " = " + replacement;
                assertThatCode(() -> assertThat(validator.apply(root)).isNotNull()).as(where).doesNotThrowAnyException();
            }
        }
        return count;
    }

    private static void collect(Object object, List<Step> prefix, List<List<Step>> out) throws IllegalAccessException {
        if (object == null) {
            return;
        }
        if (object instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                List<Step> p = new ArrayList<>(prefix);
                p.add(new Step(null, i));
                out.add(p);
                collect(list.get(i), p, out);
            }
            return;
        }
        if (!object.getClass().getPackageName().equals("io.slipway.api") || object.getClass().isEnum()) {
            return;
        }
        for (Field f : object.getClass().getDeclaredFields()) {
            if (!Modifier.isPublic(f.getModifiers()) || Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            List<Step> p = new ArrayList<>(prefix);
            p.add(new Step(f, -1));
            out.add(p);
            collect(f.get(object), p, out);
        }
    }

    private static String describe(List<Step> path) {
        StringBuilder sb = new StringBuilder("spec");
        for (Step s : path) {
            sb.append(s.field() != null ? "." + s.field().getName() : "[" + s.index() + "]");
        }
        return sb.toString();
    }
}
