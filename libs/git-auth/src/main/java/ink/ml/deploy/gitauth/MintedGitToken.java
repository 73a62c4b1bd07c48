package ink.ml.deploy.gitauth;

/**
 * A token just signed. The token is left out of {@link #toString()} so that no log line carries it.
 *
 * @param token {@code dpg_<payload>.<signature>}: the password for git over HTTP
 */
public record MintedGitToken(String token, GitTokenClaims claims) {
    @Override
    public String toString() {
        return "MintedGitToken[" + claims + "]";
    }
}
