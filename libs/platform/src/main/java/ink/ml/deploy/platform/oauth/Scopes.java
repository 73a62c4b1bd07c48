package ink.ml.deploy.platform.oauth;

import java.util.Arrays;
import java.util.Set;

/**
 * The scopes a token can carry. There is one: {@code deploy}, everything the MCP tools do on the
 * user's projects. A request without a scope gets it; an unknown scope is refused, never dropped.
 */
public final class Scopes {
    public static final String DEPLOY = "deploy";
    public static final Set<String> SUPPORTED = Set.of(DEPLOY);

    private Scopes() {}

    /** The granted scope string for a requested one. */
    public static String grant(String requested) {
        if (requested == null || requested.isBlank()) {
            return DEPLOY;
        }
        String[] parts = requested.strip().split("\\s+");
        for (String part : parts) {
            if (!SUPPORTED.contains(part)) {
                throw new OAuthException(
                        OAuthError.INVALID_SCOPE,
                        "scope: '"
                                + (part.length() > 40 ? part.substring(0, 40) + "…" : part)
                                + "' is not a scope of this server (supported: "
                                + DEPLOY
                                + ")");
            }
        }
        return String.join(" ", Arrays.stream(parts).distinct().sorted().toList());
    }
}
