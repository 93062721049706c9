package io.slipway.crd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles and evaluates CRD validation rules with Google's CEL for Java, the way the API server binds them:
 * {@code self} is the value of the schema node the rule sits on, {@code oldSelf} its previous value (transition
 * rules). Both are declared {@code dyn}; objects are maps, so {@code has(self.x)} tests for a key, as it tests for a
 * field on the API server. The environment is standard CEL plus the cel-go extensions that Kubernetes enables
 * (strings, sets, optional); Kubernetes' own libraries (lists, regex, url, quantity, ip, cidr, semver, format)
 * are absent from cel-java.
 */
public final class CelRuleEvaluator {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Cel cel = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().enableOptionalSyntax(true).build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS) // has, all, exists, exists_one, map, filter
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.sets(CelOptions.DEFAULT), CelExtensions.optional())
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.sets(CelOptions.DEFAULT), CelExtensions.optional())
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .build();
    private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

    /** Parses and type-checks a rule; throws with cel-java's message when it does not compile. */
    public CelAbstractSyntaxTree compile(String expression) throws CelValidationException {
        return cel.compile(expression).getAst();
    }

    private CelRuntime.Program program(String expression) throws CelValidationException, CelEvaluationException {
        CelRuntime.Program program = programs.get(expression);
        if (program == null) {
            program = cel.createProgram(compile(expression));
            programs.put(expression, program);
        }
        return program;
    }

    /** Evaluates a rule on a create (no {@code oldSelf}). */
    public boolean eval(CrdValidationRules.Rule rule, String selfYaml) {
        return eval(rule.expression(), value(selfYaml), null);
    }

    /** Evaluates a (transition) rule on an update. */
    public boolean eval(CrdValidationRules.Rule rule, String selfYaml, String oldSelfYaml) {
        return eval(rule.expression(), value(selfYaml), value(oldSelfYaml));
    }

    public boolean eval(String expression, Object self, Object oldSelf) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("self", self);
        if (oldSelf != null) {
            vars.put("oldSelf", oldSelf);
        }
        try {
            Object result = program(expression).eval(vars);
            if (!(result instanceof Boolean b)) {
                throw new AssertionError(expression + " returned " + result + ", not a bool");
            }
            return b;
        } catch (CelValidationException | CelEvaluationException e) {
            throw new AssertionError("rule " + expression + " failed on self=" + self + ", oldSelf=" + oldSelf
                    + ": " + e.getMessage(), e);
        }
    }

    /** A YAML (or JSON) value as CEL sees it: maps, lists, int64 numbers, strings, bools. */
    public static Object value(String yaml) {
        try {
            return normalize(YAML.readValue(yaml, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object normalize(Object v) {
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, val) -> out.put(String.valueOf(k), normalize(val)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(normalize(item)));
            return out;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof java.math.BigInteger b) {
            return b.longValueExact();
        }
        return v;
    }
}
