package ink.ml.deploy.mcp.oauth.github;

import ink.ml.deploy.github.oauth.GithubOAuthWebFlow;
import ink.ml.deploy.github.oauth.GithubSignInException;
import ink.ml.deploy.github.oauth.GithubUser;
import ink.ml.deploy.mcp.oauth.OAuthUrls;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.oauth.Pkce;
import ink.ml.deploy.platform.sessions.GithubIdentity;
import ink.ml.deploy.platform.sessions.GithubSignIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signs a user in with GitHub in the middle of an MCP authorization: out to GitHub's authorize page
 * ({@code state} bound to the browser by a sealed cookie, PKCE S256), back at {@code
 * /oauth/github/callback}, then the platform's {@link GithubSignIn} (a first sign-in creates the
 * user and their default project; the GitHub token is stored sealed) issues a session.
 */
@ApplicationScoped
public class GithubSignInFlow {
    public static final String CALLBACK_PATH = "/oauth/github/callback";

    /** The cookie that binds a started sign-in to the browser. */
    public static final String COOKIE = PendingSignInCookie.NAME;

    /** GitHub's codes are short hex or base64url strings; anything else is not a code. */
    private static final Pattern CODE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final GithubSignInConfig config;
    private final PendingSignInCookie cookies;
    private final GithubOAuthWebFlow github;
    private final GithubSignIn signIn;
    private final OAuthUrls urls;

    GithubSignInFlow(
            GithubSignInConfig config,
            PendingSignInCookie cookies,
            GithubOAuthWebFlow github,
            GithubSignIn signIn,
            OAuthUrls urls) {
        this.config = config;
        this.cookies = cookies;
        this.github = github;
        this.signIn = signIn;
        this.urls = urls;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Where to send the browser, and the cookie that remembers why. */
    public Redirect start(String authorizeQuery) {
        Instant now = Instant.now();
        PendingSignIn pending =
                new PendingSignIn(
                        randomToken(),
                        randomToken(),
                        authorizeQuery,
                        now.plus(config.signInTimeout()));
        String location =
                config.authorizeUrl()
                        + "?client_id="
                        + encode(config.clientId().orElseThrow())
                        + "&redirect_uri="
                        + encode(callbackUrl().toString())
                        + "&scope="
                        + encode(config.scope())
                        + "&state="
                        + encode(pending.state())
                        + "&code_challenge="
                        + encode(Pkce.challengeOf(pending.verifier()))
                        + "&code_challenge_method="
                        + Pkce.S256
                        + "&allow_signup=true";
        return new Redirect(URI.create(location), cookies.issue(pending, now));
    }

    /** Checks GitHub's answer against the browser's cookie and signs the user in. */
    public FinishedSignIn finish(String code, String state, String error, String cookie) {
        if (error != null) {
            throw GithubSignInException.rejected(
                    "GitHub sign-in did not complete ("
                            + (error.length() > 64 ? error.substring(0, 64) : error)
                            + "); start the authorization again from your MCP client");
        }
        PendingSignIn pending =
                cookies.open(cookie)
                        .orElseThrow(
                                () ->
                                        GithubSignInException.rejected(
                                                "this sign-in was not started in this browser;"
                                                        + " start the authorization again"));
        if (pending.isExpiredAt(Instant.now())) {
            throw GithubSignInException.rejected(
                    "this sign-in took too long; start the authorization again");
        }
        if (state == null
                || !java.security.MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.UTF_8),
                        pending.state().getBytes(StandardCharsets.UTF_8))) {
            throw GithubSignInException.rejected(
                    "state: does not match the sign-in started in this browser");
        }
        if (code == null || !CODE_SHAPE.matcher(code).matches()) {
            throw GithubSignInException.rejected("code: missing or not a GitHub code");
        }
        String token = github.exchangeCode(code, pending.verifier(), Optional.of(callbackUrl()));
        GithubUser user = github.user(token);
        GithubIdentity identity =
                new GithubIdentity(user.id(), user.login(), user.name(), user.email());
        try {
            return new FinishedSignIn(signIn.signIn(identity, token), pending.authorizeQuery());
        } catch (ConflictException raced) {
            // Two first sign-ins of one GitHub account raced; the other created the user.
            return new FinishedSignIn(signIn.signIn(identity, token), pending.authorizeQuery());
        }
    }

    public NewCookie clearCookie() {
        return cookies.clear();
    }

    private URI callbackUrl() {
        return config.callbackUrl().orElseGet(() -> URI.create(urls.endpoint(CALLBACK_PATH)));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A 302 to GitHub with the cookie to set. */
    public record Redirect(URI location, NewCookie cookie) {}
}
