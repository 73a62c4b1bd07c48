package ink.ml.deploy.mcp.auth;

/** Which credential signed a request in. */
public enum CredentialKind {
    /** {@code dk_live_…}: a headless agent with an API key. */
    API_KEY,
    /** {@code dk_at_…}: an MCP client's OAuth access token, issued for this server. */
    ACCESS_TOKEN,
    /**
     * {@code dk_sess_…}: a platform dashboard session; only signs in to the authorization pages,
     * never to {@code /mcp} (it is not audience-bound to this server).
     */
    SESSION
}
