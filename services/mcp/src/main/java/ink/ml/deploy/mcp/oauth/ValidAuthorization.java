package ink.ml.deploy.mcp.oauth;

import ink.ml.deploy.platform.oauth.AuthorizationRequest;
import ink.ml.deploy.platform.oauth.RegisteredClient;

/** An authorization request that passed every check: what the consent page asks about. */
record ValidAuthorization(
        RegisteredClient client,
        String redirectUri,
        String codeChallenge,
        String state,
        String resource,
        String scope) {

    AuthorizationRequest toRequest() {
        return new AuthorizationRequest(
                client.clientId(), redirectUri, codeChallenge, resource, scope);
    }
}
