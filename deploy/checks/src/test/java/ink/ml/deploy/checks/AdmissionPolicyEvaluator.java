package ink.ml.deploy.checks;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides an admission request the way the API server runs a ValidatingAdmissionPolicy: the
 * resource rules, then every match condition, then the variables in order, then each validation,
 * with the policy's own CEL expressions evaluated by cel-java. Kubernetes' CEL library adds
 * functions (quantities, URLs, regexes by name) that cel-java lacks; these policies use only
 * standard CEL, so an expression that needs more fails to compile here, which is a failure too.
 * Selectors and parameters are not supported: a policy using them is refused.
 */
final class AdmissionPolicyEvaluator {
    private static final CelCompiler COMPILER =
            CelCompilerFactory.standardCelCompilerBuilder()
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .addVar("object", SimpleType.DYN)
                    .addVar("oldObject", SimpleType.DYN)
                    .addVar("request", SimpleType.DYN)
                    .addVar("variables", SimpleType.DYN)
                    .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    /** What the policy says about one request. */
    record Verdict(boolean matched, boolean allowed, String message) {
        static final Verdict NOT_MATCHED = new Verdict(false, true, "");

        boolean denied() {
            return !allowed;
        }
    }

    /**
     * One admission request, in the shape of the {@code request} variable.
     *
     * @param group the resource's API group ("" for the core group)
     * @param version its API version
     * @param resource its plural resource name
     * @param kind its kind
     * @param namespace where it is ("" for cluster-scoped resources)
     * @param name its name
     * @param operation CREATE, UPDATE or DELETE
     * @param username who asks
     * @param object the object written (null for a DELETE)
     */
    record Request(
            String group,
            String version,
            String resource,
            String kind,
            String namespace,
            String name,
            String operation,
            String username,
            Map<String, Object> object) {

        Map<String, Object> asCel() {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("kind", Map.of("group", group, "version", version, "kind", kind));
            request.put(
                    "resource", Map.of("group", group, "version", version, "resource", resource));
            request.put("namespace", namespace);
            request.put("name", name);
            request.put("operation", operation);
            request.put("userInfo", Map.of("username", username));
            return request;
        }
    }

    private final ValidatingAdmissionPolicy policy;

    AdmissionPolicyEvaluator(ValidatingAdmissionPolicy policy) {
        var spec = policy.getSpec();
        if (spec.getParamKind() != null
                || spec.getMatchConstraints().getNamespaceSelector() != null
                        && !spec.getMatchConstraints()
                                .getNamespaceSelector()
                                .getMatchLabels()
                                .isEmpty()
                || spec.getMatchConstraints().getObjectSelector() != null
                        && !spec.getMatchConstraints()
                                .getObjectSelector()
                                .getMatchLabels()
                                .isEmpty()) {
            throw new IllegalArgumentException(
                    policy.getMetadata().getName() + " uses parameters or selectors");
        }
        this.policy = policy;
    }

    Verdict decide(Request request) {
        var spec = policy.getSpec();
        if (spec.getMatchConstraints().getResourceRules().stream()
                .noneMatch(rule -> covers(rule, request))) {
            return Verdict.NOT_MATCHED;
        }
        Map<String, Object> input = new HashMap<>();
        input.put("request", request.asCel());
        if (request.object() != null) {
            input.put("object", CelValues.of(request.object()));
        }
        Map<String, Object> variables = new HashMap<>();
        input.put("variables", variables);
        for (MatchCondition condition : spec.getMatchConditions()) {
            if (!Boolean.TRUE.equals(evaluate(condition.getExpression(), input))) {
                return Verdict.NOT_MATCHED;
            }
        }
        for (Variable variable : spec.getVariables()) {
            variables.put(variable.getName(), evaluate(variable.getExpression(), input));
        }
        for (Validation validation : spec.getValidations()) {
            if (!Boolean.TRUE.equals(evaluate(validation.getExpression(), input))) {
                String message =
                        validation.getMessageExpression() == null
                                ? validation.getMessage()
                                : String.valueOf(
                                        evaluate(validation.getMessageExpression(), input));
                return new Verdict(true, false, message);
            }
        }
        return new Verdict(true, true, "");
    }

    private static boolean covers(NamedRuleWithOperations rule, Request request) {
        return matches(rule.getApiGroups(), request.group())
                && matches(rule.getApiVersions(), request.version())
                && matches(rule.getResources(), request.resource())
                && matches(rule.getOperations(), request.operation());
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed.contains("*") || allowed.contains(value);
    }

    private static Object evaluate(String expression, Map<String, Object> input) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            return RUNTIME.createProgram(ast).eval(input);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new AssertionError(
                    "CEL expression fails: " + expression + ": " + e.getMessage(), e);
        }
    }
}
