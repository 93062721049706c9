package io.slipway.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.slipway.api.ClusterSpec;
import io.slipway.api.InstanceGroupSpec;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a spec as raw YAML/JSON data (maps, lists, scalars; e.g. {@code GenericKubernetesResource}'s
 * {@code additionalProperties.get("spec")}) for what typed deserialisation hides or fails on: enum values outside
 * the allowed set (Jackson throws on them), wrong JSON types (Jackson coerces "3" to 3 and 1.31 to "1.31", the
 * API server refuses both), and unknown fields (Jackson drops them silently; kubectl's strict field validation
 * refuses them). Runs on the API types' own fields, so it follows them as they change.
 */
public final class RawSpecValidator {
    private static final String API_PACKAGE = "io.slipway.api";

    private RawSpecValidator() {
    }

    public static List<FieldError> validateCluster(Object rawSpec) {
        return validate(rawSpec, ClusterSpec.class);
    }

    public static List<FieldError> validateInstanceGroup(Object rawSpec) {
        return validate(rawSpec, InstanceGroupSpec.class);
    }

    /**
     * Raw errors plus the typed validators' errors, without typed errors at or below a path the raw check already
     * reported: with a lenient mapper an unknown enum arrives as null, and "unsupported value" says more than
     * "required".
     */
    public static List<FieldError> combine(List<FieldError> rawErrors, List<FieldError> typedErrors) {
        ErrorList raw = new ErrorList();
        raw.addAll(rawErrors);
        List<FieldError> all = new ArrayList<>(rawErrors);
        for (FieldError e : typedErrors) {
            if (!raw.has(e.path())) {
                all.add(e);
            }
        }
        return all;
    }

    static List<FieldError> validate(Object rawSpec, Class<?> specType) {
        ErrorList errors = new ErrorList();
        if (rawSpec == null) {
            errors.add("spec", "required");
        } else {
            walk(rawSpec, specType, "spec", errors);
        }
        return errors.toList();
    }

    private static void walk(Object raw, Type type, String path, ErrorList errors) {
        if (raw == null) {
            return; // the API server drops nulls of non-nullable fields; absent is checked by the typed validators
        }
        Class<?> cls = rawClass(type);
        if (cls == String.class) {
            if (!(raw instanceof String)) {
                errors.add(path, "must be a string (got " + describe(raw) + ")" + (isScalar(raw) ? "; quote it in YAML: \"" + raw + "\"" : ""));
            }
        } else if (cls == Integer.class || cls == int.class || cls == Long.class || cls == long.class) {
            if (!(raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof BigInteger)) {
                errors.add(path, "must be an integer (got " + describe(raw) + ")");
            }
        } else if (cls == Boolean.class || cls == boolean.class) {
            if (!(raw instanceof Boolean)) {
                errors.add(path, "must be true or false (got " + describe(raw) + ")");
            }
        } else if (cls.isEnum()) {
            List<String> names = EnumNames.of(cls);
            if (!(raw instanceof String s) || !names.contains(s)) {
                String got = raw instanceof String s ? "\"" + s + "\"" : describe(raw);
                String closest = raw instanceof String s ? Strings.closest(s, names) : null;
                errors.add(path, "unsupported value " + got + ": must be one of " + String.join(", ", names)
                        + (closest != null ? "; did you mean " + closest + "?" : ""));
            }
        } else if (cls == IntOrString.class) {
            if (!(raw instanceof Integer || raw instanceof Long || raw instanceof String)) {
                errors.add(path, "must be a number like 1 or a percentage like 25% (got " + describe(raw) + ")");
            }
        } else if (List.class.isAssignableFrom(cls)) {
            if (!(raw instanceof List<?> list)) {
                errors.add(path, "must be a list (got " + describe(raw) + ")");
                return;
            }
            Type element = typeArgument(type, 0);
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), element, path + "[" + i + "]", errors);
            }
        } else if (Map.class.isAssignableFrom(cls)) {
            if (!(raw instanceof Map<?, ?> map)) {
                errors.add(path, "must be a map of key: value (got " + describe(raw) + ")");
                return;
            }
            Type valueType = typeArgument(type, 1);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), valueType, path + "[" + e.getKey() + "]", errors);
            }
        } else if (cls.getPackageName().equals(API_PACKAGE)) {
            if (!(raw instanceof Map<?, ?> map)) {
                errors.add(path, "must be an object with fields (got " + describe(raw) + ")");
                return;
            }
            Map<String, Field> fields = new LinkedHashMap<>();
            for (Field f : SchemaRules.fields(cls)) {
                fields.put(SchemaRules.jsonName(f), f);
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Field f = fields.get(key);
                if (f == null) {
                    String closest = Strings.closest(key, fields.keySet());
                    errors.add(path + "." + key, "unknown field" + (closest != null ? "; did you mean " + closest + "?" : "")
                            + " Fields here: " + String.join(", ", fields.keySet()));
                } else {
                    walk(e.getValue(), f.getGenericType(), path + "." + key, errors);
                }
            }
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static boolean isScalar(Object raw) {
        return raw instanceof Number || raw instanceof Boolean;
    }

    private static String describe(Object raw) {
        if (raw instanceof String s) return "the string \"" + s + "\"";
        if (raw instanceof Boolean b) return "the boolean " + b;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger) return "the integer " + raw;
        if (raw instanceof Number n) return "the number " + n;
        if (raw instanceof List) return "a list";
        if (raw instanceof Map) return "an object";
        return raw.getClass().getSimpleName();
    }
}
