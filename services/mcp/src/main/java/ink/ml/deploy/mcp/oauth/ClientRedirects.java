package ink.ml.deploy.mcp.oauth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the redirect back to a client's (already verified) redirect URI. */
final class ClientRedirects {
    private ClientRedirects() {}

    static URI with(String redirectUri, Map<String, String> parameters) {
        Map<String, String> present = new LinkedHashMap<>();
        parameters.forEach(
                (name, value) -> {
                    if (value != null) {
                        present.put(name, value);
                    }
                });
        String query =
                present.entrySet().stream()
                        .map(
                                e ->
                                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        return URI.create(redirectUri + (redirectUri.contains("?") ? "&" : "?") + query);
    }
}
