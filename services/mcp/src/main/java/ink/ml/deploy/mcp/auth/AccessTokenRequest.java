package ink.ml.deploy.mcp.auth;

import ink.ml.deploy.auth.BearerTokenRequest;

/** {@code Bearer dk_at_…}: an OAuth access token, for {@link AccessTokenIdentityProvider}. */
public final class AccessTokenRequest extends BearerTokenRequest {
    public AccessTokenRequest(String token) {
        super(token);
    }
}
