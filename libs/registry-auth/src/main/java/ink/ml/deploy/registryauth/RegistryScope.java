package ink.ml.deploy.registryauth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One {@code scope} of a Docker Registry v2 token request: {@code type:name:action[,action]}, e.g.
 * {@code repository:dp-u42-shop/web:pull,push} or {@code registry:catalog:*}. The name may itself
 * hold colons, so the type ends at the first colon and the actions start after the last.
 */
public record RegistryScope(String type, String name, Set<String> actions) {
    public static final String REPOSITORY = "repository";
    public static final String PULL = "pull";
    public static final String PUSH = "push";

    /** Longer scopes are not ours to grant; the bound keeps a request's work small. */
    static final int MAX_LENGTH = 512;

    public RegistryScope {
        actions = Set.copyOf(actions);
    }

    /**
     * @throws RegistryAuthException when the text is not {@code type:name:actions}
     */
    public static RegistryScope parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            throw new RegistryAuthException("scope is missing or longer than " + MAX_LENGTH);
        }
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first || last == text.length() - 1) {
            throw new RegistryAuthException("scope must be type:name:actions, got " + text);
        }
        Set<String> actions =
                new LinkedHashSet<>(Arrays.asList(text.substring(last + 1).split(",")));
        actions.removeIf(String::isBlank);
        return new RegistryScope(
                text.substring(0, first), text.substring(first + 1, last), actions);
    }

    public static RegistryScope repository(String name, String... actions) {
        return new RegistryScope(REPOSITORY, name, Set.of(actions));
    }

    /** The same resource with only the actions that are also in {@code allowed}. */
    RegistryScope restrictedTo(Set<String> allowed) {
        Set<String> kept = new LinkedHashSet<>(actions);
        kept.retainAll(allowed);
        return new RegistryScope(type, name, kept);
    }
}
