package ink.ml.deploy.platform.oauth;

/**
 * {@code grant_type=refresh_token} (RFC 6749 §6).
 *
 * @param resource the {@code resource} parameter, or null
 */
public record RefreshExchange(String clientId, String refreshToken, String resource) {
    @Override
    public String toString() {
        return "RefreshExchange[clientId=" + clientId + "]";
    }
}
