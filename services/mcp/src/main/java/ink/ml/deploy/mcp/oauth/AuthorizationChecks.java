package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.platform.oauth.OAuthClients;
import ink.ml.deploy.platform.oauth.OAuthError;
import ink.ml.deploy.platform.oauth.OAuthException;
import ink.ml.deploy.platform.oauth.Pkce;
import ink.ml.deploy.platform.oauth.RegisteredClient;
import ink.ml.deploy.platform.oauth.Scopes;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks an authorization request in the order RFC 6749 §4.1.2.1 requires: first the client and its
 * exact redirect URI (failing those, the user is told and nothing is sent anywhere: the URI may be
 * an attacker's), then everything else (failing those, the error goes back to the client's redirect
 * URI).
 */
@ApplicationScoped
class AuthorizationChecks {
    static final int MAX_STATE = 500;

    private final OAuthClients clients;
    private final OAuthUrls urls;

    AuthorizationChecks(OAuthClients clients, OAuthUrls urls) {
        this.clients = clients;
        this.urls = urls;
    }

    /** The client, if the request may be answered by redirecting to its redirect URI. */
    RegisteredClient trustedClient(AuthorizeParams params) throws UntrustedRedirectException {
        RegisteredClient client =
                clients.find(params.clientId())
                        .orElseThrow(
                                () ->
                                        new UntrustedRedirectException(
                                                "The application's client_id is unknown to this"
                                                        + " server. It must register again."));
        if (!client.allowsRedirectUri(params.redirectUri())) {
            throw new UntrustedRedirectException(
                    "The redirect_uri is not one the application registered, so it is not"
                            + " followed. Registered URIs are matched exactly.");
        }
        return client;
    }

    /** The rest; throws {@link OAuthException} to be sent to the redirect URI. */
    ValidAuthorization check(RegisteredClient client, AuthorizeParams params) {
        if (params.state() != null && params.state().length() > MAX_STATE) {
            throw new OAuthException(
                    OAuthError.INVALID_REQUEST, "state: at most " + MAX_STATE + " characters");
        }
        if (!"code".equals(params.responseType())) {
            throw new OAuthException(
                    OAuthError.UNSUPPORTED_RESPONSE_TYPE, "response_type: must be 'code'");
        }
        if (params.codeChallenge() == null) {
            throw new OAuthException(
                    OAuthError.INVALID_REQUEST, "code_challenge: required (PKCE with S256)");
        }
        if (!Pkce.S256.equals(params.codeChallengeMethod())) {
            throw new OAuthException(
                    OAuthError.INVALID_REQUEST,
                    "code_challenge_method: must be S256 (plain is not accepted)");
        }
        if (!Pkce.isChallenge(params.codeChallenge())) {
            throw new OAuthException(
                    OAuthError.INVALID_REQUEST,
                    "code_challenge: must be BASE64URL(SHA-256(code_verifier)), 43 characters");
        }
        String resource = params.resource() == null ? urls.resource() : params.resource();
        if (!urls.resource().equals(resource)) {
            throw new OAuthException(
                    OAuthError.INVALID_TARGET,
                    "resource: this server authorizes only " + urls.resource());
        }
        return new ValidAuthorization(
                client,
                params.redirectUri(),
                params.codeChallenge(),
                params.state(),
                resource,
                Scopes.grant(params.scope()));
    }
}
