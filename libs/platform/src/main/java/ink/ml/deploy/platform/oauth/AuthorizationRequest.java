package ink.ml.deploy.platform.oauth;

/**
 * An authorization the user approved on the consent page, already checked by the server: the code
 * issued for it can only be exchanged by this client, at this redirect URI, with the verifier of
 * this challenge, for tokens bound to this resource.
 */
public record AuthorizationRequest(
        String clientId, String redirectUri, String codeChallenge, String resource, String scope) {}
