package ink.ml.deploy.auth;

/**
 * How a front door words a 401: its {@code WWW-Authenticate} challenge and its JSON body. The one
 * thing the two front doors do not share, so each supplies it as a bean: the dashboard API answers
 * in the GraphQL error shape, the MCP server as RFC 6750 with {@code resource_metadata} (RFC 9728
 * §5.1).
 */
public interface RefusalFormat {
    /**
     * The {@code WWW-Authenticate} value.
     *
     * @param refusal why a presented credential was refused; null when none was presented
     */
    String challenge(String refusal);

    /** The JSON body of a refused credential; never contains the credential. */
    String body(String refusal);
}
