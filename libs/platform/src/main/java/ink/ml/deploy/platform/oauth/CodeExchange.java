package ink.ml.deploy.platform.oauth;

/**
 * {@code grant_type=authorization_code} (RFC 6749 §4.1.3 with PKCE and RFC 8707).
 *
 * @param resource the {@code resource} parameter, or null when the client did not repeat it
 */
public record CodeExchange(
        String clientId, String code, String redirectUri, String codeVerifier, String resource) {
    @Override
    public String toString() {
        return "CodeExchange[clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
    }
}
