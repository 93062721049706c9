package io.slipway.testing.kube.admission;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles (once) and runs the CEL expressions of {@code x-kubernetes-validations} with cel-java: rules return a
 * bool, message expressions a string. {@code self} and {@code oldSelf} are {@code dyn}; the environment is standard
 * CEL plus the cel-go extensions Kubernetes enables (strings, sets, optional), as in the CRD tests'
 * {@code CelRuleEvaluator}. Kubernetes' own CEL libraries (lists, regex, url, quantity, ip, cidr, semver) are absent
 * from cel-java: a rule using them fails to compile and is reported as the API server reports a compile error.
 */
final class CelRules {
    private final Cel rules = environment(SimpleType.BOOL);
    private final Cel messages = environment(SimpleType.STRING);
    private final Map<String, CelRuntime.Program> ruleCache = new ConcurrentHashMap<>();
    private final Map<String, CelRuntime.Program> messageCache = new ConcurrentHashMap<>();

    private static Cel environment(CelType result) {
        return CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current().enableOptionalSyntax(true).build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.sets(CelOptions.DEFAULT), CelExtensions.optional())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.sets(CelOptions.DEFAULT), CelExtensions.optional())
                .addVar("self", SimpleType.DYN)
                .addVar("oldSelf", SimpleType.DYN)
                .setResultType(result)
                .build();
    }

    /** Thrown when an expression does not compile; the message is cel-java's. */
    static final class CompileError extends Exception {
        CompileError(String message) {
            super(message);
        }
    }

    boolean rule(String expression, Map<String, Object> vars) throws CompileError, CelEvaluationException {
        return (Boolean) program(rules, ruleCache, expression).eval(vars);
    }

    String message(String expression, Map<String, Object> vars) throws CompileError, CelEvaluationException {
        return (String) program(messages, messageCache, expression).eval(vars);
    }

    private static CelRuntime.Program program(Cel cel, Map<String, CelRuntime.Program> cache, String expression)
            throws CompileError {
        CelRuntime.Program program = cache.get(expression);
        if (program == null) {
            try {
                program = cel.createProgram(cel.compile(expression).getAst());
            } catch (CelValidationException | CelEvaluationException e) {
                throw new CompileError(e.getMessage());
            }
            cache.put(expression, program);
        }
        return program;
    }
}
