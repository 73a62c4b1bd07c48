package ink.ml.deploy.platform.oauth;

import java.time.Instant;
import java.util.List;

/** A registered MCP client as the server shows it: public, so no secret. */
public record RegisteredClient(
        String clientId, String clientName, List<String> redirectUris, Instant createdAt) {
    static RegisteredClient of(OAuthClient client) {
        return new RegisteredClient(
                client.clientId,
                client.clientName,
                List.copyOf(client.redirectUris),
                client.createdAt);
    }

    /** Exact string comparison (RFC 6749 §3.1.2.3 as OAuth 2.1 tightens it). */
    public boolean allowsRedirectUri(String redirectUri) {
        return redirectUri != null && redirectUris.contains(redirectUri);
    }
}
