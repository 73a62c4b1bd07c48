package ink.ml.deploy.mcp.oauth;

/**
 * An authorization request whose client or redirect URI cannot be trusted: the answer is a page for
 * the user, never a redirect.
 */
class UntrustedRedirectException extends Exception {
    private static final long serialVersionUID = 1L;

    UntrustedRedirectException(String message) {
        super(message);
    }
}
