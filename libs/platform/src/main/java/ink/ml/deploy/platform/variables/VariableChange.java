package ink.ml.deploy.platform.variables;

import ink.ml.deploy.domain.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One change to a service's variables, applied at once by {@link Variables#change}: variables to
 * set and names to remove, or (with {@code replace}) the whole set. A change that says nothing, or
 * that both replaces and removes, is refused before anything is read or written.
 *
 * @param env the variables to set (with {@code replace}: the only ones left)
 * @param unset the names to remove; names that are not set are ignored
 */
public record VariableChange(Map<String, String> env, Set<String> unset, boolean replace) {
    public VariableChange {
        env = env == null ? Map.of() : new LinkedHashMap<>(env);
        unset = unset == null ? Set.of() : new LinkedHashSet<>(unset);
        if (env.isEmpty() && unset.isEmpty() && !replace) {
            throw new InvalidValueException(
                    "env", "give env (variables to set) or unset (names to remove)");
        }
        if (replace && !unset.isEmpty()) {
            throw new InvalidValueException(
                    "unset", "leave it out with replace=true: replace already removes the others");
        }
    }
}
