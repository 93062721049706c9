package io.slipway.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Re-checks what the generated CRD's OpenAPI schema checks, read from the same annotations the CRD generator
 * reads (@Required, @Pattern, @Min, @Max, @Size, also on list elements), so the two can never drift apart.
 * The management API used in tests does not enforce the CRD schema; this does.
 *
 * <p>One difference is deliberate: an optional list that is empty counts as absent, because the API types
 * initialise lists to empty and cannot tell "omitted" from "[]".
 */
final class SchemaRules {
    private static final String API_PACKAGE = "io.slipway.api";
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();
    private static final Map<String, java.util.regex.Pattern> REGEXES = new ConcurrentHashMap<>();

    /** Friendly descriptions of the CRD's regular expressions; a pattern missing here is shown as is. */
    private static final Map<String, String> PATTERN_HINTS = Map.ofEntries(
            Map.entry("^v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$", "must be a version like 1.31.4"),
            Map.entry("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$", "must be an AWS region like eu-west-1"),
            Map.entry("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+[a-z]$", "must be an availability zone like eu-west-1a"),
            Map.entry("^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$", "must be an IPv4 CIDR like 10.0.0.0/16"),
            Map.entry("^vpc-[0-9a-f]{8,17}$", "must be a VPC id like vpc-0123456789abcdef0"),
            Map.entry("^subnet-[0-9a-f]{8,17}$", "must be a subnet id like subnet-0123456789abcdef0"),
            Map.entry("^sg-[0-9a-f]{8,17}$", "must be a security group id like sg-0123456789abcdef0"),
            Map.entry("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "must be a lowercase DNS label: a-z, 0-9 and '-', starting and ending with a letter or digit"),
            Map.entry("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", "must be a Kubernetes object name: lowercase a-z, 0-9, '-' and '.'"),
            Map.entry("^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?\\.?$", "must be a lowercase DNS name like example.com"),
            Map.entry("^(nat-[0-9a-f]{8,17}|i-[0-9a-f]{8,17}|External)$", "must be an existing NAT gateway (nat-...), an instance (i-...) or External"),
            Map.entry("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", "must be an IAM role ARN like arn:aws:iam::123456789012:role/slipway"),
            Map.entry("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", "must be an IAM policy ARN like arn:aws:iam::123456789012:policy/boundary"),
            Map.entry("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$", "must be a duration with units ms, s, m or h, like 15m or 1h30m"),
            Map.entry("^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.[a-z0-9]+$", "must be an EC2 instance type like m6i.large"),
            Map.entry("^(ami-[0-9a-f]{8,17}|[0-9]{12}/.+|(amazon|aws-marketplace|self|ubuntu|debian|redhat)/.+)$",
                    "must be an AMI id (ami-0123456789abcdef0) or owner/name-filter like 099720109477/ubuntu/images/*"),
            Map.entry("^[0-9]+(\\.[0-9]+)?$", "must be a price in USD per hour like 0.05"),
            Map.entry("^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?(=[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?:(NoSchedule|PreferNoSchedule|NoExecute)$",
                    "must be key[=value]:Effect with Effect NoSchedule, PreferNoSchedule or NoExecute, e.g. dedicated=gpu:NoSchedule"),
            Map.entry("^(arn:aws[a-z-]*:kms:.+|[0-9a-f-]{36}|alias/.+)$", "must be a KMS key ARN, key id or alias/name"));

    private SchemaRules() {
    }

    /** Checks {@code object} (an API type) and everything below it; paths start at {@code path}. */
    static void check(Object object, String path, ErrorList errors) {
        if (object == null) {
            return;
        }
        for (Field field : fieldsOf(object.getClass())) {
            Object value;
            try {
                value = field.get(object);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            checkValue(value, field, field.getAnnotatedType(), path + "." + jsonName(field), errors);
        }
    }

    private static void checkValue(Object value, Field field, AnnotatedType type, String path, ErrorList errors) {
        boolean required = type.isAnnotationPresent(Required.class) || (field != null && field.isAnnotationPresent(Required.class));
        Size size = type.getAnnotation(Size.class);
        if (value == null) {
            if (required) {
                errors.add(path, "required" + enumChoices(field) + description(field));
            }
            return;
        }
        if (value instanceof String s) {
            Pattern pattern = type.getAnnotation(Pattern.class);
            Class<?> enumType = enumTypeOf(field);
            if (required && s.isEmpty()) {
                errors.add(path, "required, must not be empty" + enumChoices(field));
            } else if (enumType != null && !EnumNames.of(enumType).contains(s)) {
                errors.add(path, "must be one of " + String.join(", ", EnumNames.of(enumType)) + " (got " + Strings.quote(s) + ")");
            } else if (pattern != null && !REGEXES.computeIfAbsent(pattern.value(), java.util.regex.Pattern::compile).matcher(s).find()) {
                errors.add(path, describePattern(pattern.value()) + " (got " + Strings.quote(s) + ")");
            } else if (size != null) {
                checkSize(s.length(), size, "character", path, errors);
            }
        } else if (value instanceof Number n) {
            Min min = type.getAnnotation(Min.class);
            Max max = type.getAnnotation(Max.class);
            double d = n.doubleValue();
            if (min != null && (min.inclusive() ? d < min.value() : d <= min.value())) {
                errors.add(path, "must be at least " + bound(min.value()) + " (got " + n + ")");
            } else if (max != null && (max.inclusive() ? d > max.value() : d >= max.value())) {
                errors.add(path, "must be at most " + bound(max.value()) + " (got " + n + ")");
            }
        } else if (value instanceof List<?> list) {
            if (size != null && (required || !list.isEmpty())) {
                checkSize(list.size(), size, "item", path, errors);
            }
            AnnotatedType element = typeArgument(type, 0);
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (item == null) {
                    errors.add(path + "[" + i + "]", "must not be null");
                } else if (element != null) {
                    checkValue(item, null, element, path + "[" + i + "]", errors);
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            if (size != null && (required || !map.isEmpty())) {
                checkSize(map.size(), size, "entry", path, errors);
            }
            AnnotatedType valueType = typeArgument(type, 1);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String entryPath = path + "[" + e.getKey() + "]";
                if (e.getValue() == null) {
                    errors.add(entryPath, "must not be null; use \"\" for an empty value");
                } else if (valueType != null) {
                    checkValue(e.getValue(), null, valueType, entryPath, errors);
                }
            }
        } else if (value.getClass().getPackageName().equals(API_PACKAGE) && !value.getClass().isEnum()) {
            check(value, path, errors);
        }
    }

    private static void checkSize(int actual, Size size, String unit, String path, ErrorList errors) {
        if (actual < size.min()) {
            errors.add(path, (actual == 0 ? "required: " : "") + "needs at least " + size.min() + " " + unit + (size.min() == 1 ? "" : "s")
                    + (actual == 0 ? "" : " (got " + actual + ")"));
        } else if (actual > size.max()) {
            errors.add(path, "allows at most " + size.max() + " " + unit + "s (got " + actual + ")");
        }
    }

    private static AnnotatedType typeArgument(AnnotatedType type, int index) {
        if (type instanceof AnnotatedParameterizedType p && p.getAnnotatedActualTypeArguments().length > index) {
            return p.getAnnotatedActualTypeArguments()[index];
        }
        return null;
    }

    static String describePattern(String regex) {
        String hint = PATTERN_HINTS.get(regex);
        return hint != null ? hint : "must match " + regex;
    }

    private static String bound(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The field's description from the API type, so "required" says what is wanted. */
    private static String description(Field field) {
        JsonPropertyDescription d = field == null ? null : field.getAnnotation(JsonPropertyDescription.class);
        if (d == null || d.value().isEmpty()) {
            return "";
        }
        // for kubectl explain the descriptions of required fields end in "Required."; after "required" that is noise
        String text = d.value().replaceAll("\\s*Required\\.$", "");
        return " (" + text.replaceAll("\\.$", "") + ")";
    }

    private static String enumChoices(Field field) {
        Class<?> enumType = enumTypeOf(field);
        return enumType == null ? "" : ": one of " + String.join(", ", EnumNames.of(enumType));
    }

    /** Enum-valued fields are Strings whose allowed values come from the enum named in @SchemaFrom. */
    private static Class<?> enumTypeOf(Field field) {
        if (field == null) {
            return null;
        }
        SchemaFrom from = field.getAnnotation(SchemaFrom.class);
        if (from != null && from.type().isEnum()) {
            return from.type();
        }
        return field.getType().isEnum() ? field.getType() : null;
    }

    static String jsonName(Field field) {
        JsonProperty p = field.getAnnotation(JsonProperty.class);
        return p != null && !p.value().isEmpty() ? p.value() : field.getName();
    }

    private static List<Field> fieldsOf(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> fields = new ArrayList<>();
            for (Field f : t.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isPublic(m) && !Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isAnnotationPresent(JsonIgnore.class)) {
                    fields.add(f);
                }
            }
            return List.copyOf(fields);
        });
    }

    /** The public data fields of an API type, in declaration order. */
    static List<Field> fields(Class<?> type) {
        return fieldsOf(type);
    }


}
