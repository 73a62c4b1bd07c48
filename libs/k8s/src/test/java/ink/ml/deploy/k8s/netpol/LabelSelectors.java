package ink.ml.deploy.k8s.netpol;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes label selector matching: every {@code matchLabels} entry and every {@code
 * matchExpressions} requirement must hold, so an empty selector matches everything.
 *
 * <p>Whether an absent (null) selector means "everything" or "not specified" depends on where it
 * sits, so callers decide that before asking here.
 */
final class LabelSelectors {

    private LabelSelectors() {}

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        for (Map.Entry<String, String> required : matchLabels(selector).entrySet()) {
            if (!required.getValue().equals(labels.get(required.getKey()))) {
                return false;
            }
        }
        return matchExpressions(selector).stream()
                .allMatch(requirement -> matches(requirement, labels));
    }

    /** Rejects what the API server would reject, so that matching never has to guess. */
    static void requireValid(LabelSelector selector) {
        for (LabelSelectorRequirement requirement : matchExpressions(selector)) {
            String operator = requirement.getOperator();
            boolean hasValues = !values(requirement).isEmpty();
            boolean valid =
                    switch (operator == null ? "" : operator) {
                        case "In", "NotIn" -> hasValues;
                        case "Exists", "DoesNotExist" -> !hasValues;
                        default -> false;
                    };
            if (requirement.getKey() == null || !valid) {
                throw new IllegalArgumentException(
                        "invalid label selector requirement: " + requirement);
            }
        }
    }

    private static boolean matches(
            LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = values(requirement);
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            // NotIn also matches objects that lack the label altogether.
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default ->
                    throw new IllegalArgumentException(
                            "unknown label selector operator: " + requirement.getOperator());
        };
    }

    private static Map<String, String> matchLabels(LabelSelector selector) {
        return selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    }

    private static List<LabelSelectorRequirement> matchExpressions(LabelSelector selector) {
        return selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    }

    private static List<String> values(LabelSelectorRequirement requirement) {
        return requirement.getValues() == null ? List.of() : requirement.getValues();
    }
}
