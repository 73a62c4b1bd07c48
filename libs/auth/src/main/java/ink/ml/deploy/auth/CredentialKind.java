package ink.ml.deploy.auth;

/**
 * Which credential signed a request in; kept on the identity so that logout knows what it ends.
 * Each front door accepts only some of them.
 */
public enum CredentialKind {
    /** {@code dk_live_…}: a CLI or a headless agent with an API key. */
    API_KEY,
    /**
     * {@code dk_sess_…}: a dashboard signed in with GitHub. On the MCP server it only signs in to
     * the authorization pages, never to {@code /mcp} (it is not audience-bound to that server).
     */
    SESSION,
    /** {@code dk_at_…}: an MCP client's OAuth access token, issued for the MCP server. */
    ACCESS_TOKEN,
    /** A Firebase ID token (JWT) verified against the configured Firebase project (graphql). */
    FIREBASE_ID_TOKEN
}
