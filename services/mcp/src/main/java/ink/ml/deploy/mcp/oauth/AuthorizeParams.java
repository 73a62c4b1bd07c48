package ink.ml.deploy.mcp.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parameters of an authorization request (RFC 6749 §4.1.1 with PKCE and RFC 8707 {@code
 * resource}) as the client sent them, before any check. The consent form carries them back
 * unchanged, and so does the round trip through GitHub sign-in.
 */
public record AuthorizeParams(
        String responseType,
        String clientId,
        String redirectUri,
        String codeChallenge,
        String codeChallengeMethod,
        String state,
        String resource,
        String scope) {

    /** The parameters as a query string, for coming back to {@code /oauth/authorize}. */
    public String toQuery() {
        return asMap().entrySet().stream()
                .map(
                        e ->
                                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The non-null parameters by their OAuth names, in a fixed order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        put(map, "response_type", responseType);
        put(map, "client_id", clientId);
        put(map, "redirect_uri", redirectUri);
        put(map, "code_challenge", codeChallenge);
        put(map, "code_challenge_method", codeChallengeMethod);
        put(map, "state", state);
        put(map, "resource", resource);
        put(map, "scope", scope);
        return map;
    }

    private static void put(Map<String, String> map, String name, String value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
