package ink.ml.deploy.gitserver.http;

import ink.ml.deploy.gitauth.GitTokenClaims;
import ink.ml.deploy.gitauth.GitTokenRefusedException;
import ink.ml.deploy.gitauth.GitTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Who may do what a request asks: HTTP Basic authentication with a git token as the password (any
 * user name), so that a stock {@code git clone}/{@code git push} works with the token in the URL or
 * in a credential helper.
 */
@ApplicationScoped
public class RepoAccess {
    private static final Logger LOG = Logger.getLogger(RepoAccess.class);

    private final GitTokenVerifier verifier;

    public RepoAccess(GitTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * @throws GitHttpException 401 without credentials (git then asks for them) or with a token
     *     that is not valid; 403 with a valid token of another repository or without push access
     */
    public GitTokenClaims check(String authorization, GitRoute route) {
        String token =
                password(authorization)
                        .orElseThrow(
                                () ->
                                        new GitHttpException(
                                                HttpServletResponse.SC_UNAUTHORIZED,
                                                "authentication required: use a git token of"
                                                        + " this repository as the password"));
        try {
            return verifier.verify(token, route.repo().value(), route.service().access());
        } catch (GitTokenRefusedException e) {
            LOG.infof(
                    "refused %s on %s: %s",
                    route.service().serviceName(), route.repo(), e.reason());
            int status =
                    switch (e.reason()) {
                        case WRONG_REPO, WRONG_ACCESS -> HttpServletResponse.SC_FORBIDDEN;
                        default -> HttpServletResponse.SC_UNAUTHORIZED;
                    };
            return deny(status, e.getMessage());
        }
    }

    private static GitTokenClaims deny(int status, String message) {
        throw new GitHttpException(status, message);
    }

    /** The password of a Basic {@code Authorization} header, if there is one. */
    static Optional<String> password(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(authorization.substring(6).trim()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }
}
