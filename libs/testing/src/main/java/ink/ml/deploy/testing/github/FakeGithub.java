package ink.ml.deploy.testing.github;

import static ink.ml.deploy.testing.github.HttpExchanges.bearer;
import static ink.ml.deploy.testing.github.HttpExchanges.form;
import static ink.ml.deploy.testing.github.HttpExchanges.message;
import static ink.ml.deploy.testing.github.HttpExchanges.quote;
import static ink.ml.deploy.testing.github.HttpExchanges.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ink.ml.deploy.testing.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for github.com and api.github.com on 127.0.0.1, speaking the parts of GitHub's
 * documented APIs the platform calls:
 *
 * <ul>
 *   <li>the App installation token API ({@code POST /app/installations/{id}/access_tokens}), which
 *       verifies the App's RS256 JWT with the public half of {@link #app()}'s key;
 *   <li>the OAuth web flow ({@code GET /login/oauth/authorize}, {@code POST
 *       /login/oauth/access_token}, PKCE S256) for the user {@link #signInBrowserAs signed in} to
 *       the "browser", and the user API ({@code /user}, {@code /user/emails}, {@code
 *       /user/installations});
 *   <li>git smart HTTP for bare repositories ({@code /{owner}/{name}.git}) through {@code git
 *       http-backend}, only with Basic {@code x-access-token:<installation token>} of an
 *       installation on the repository's owner, as GitHub serves an App's clones.
 * </ul>
 *
 * <p>API root, OAuth root and clone root are all {@link #url()}. Close it to stop the server and
 * delete the repositories.
 */
public final class FakeGithub implements AutoCloseable {
    /** GitHub's user name for installation tokens over HTTPS. */
    public static final String TOKEN_USER = "x-access-token";

    private static final Pattern ACCESS_TOKENS =
            Pattern.compile("/app/installations/([0-9]{1,18})/access_tokens");
    private static final Pattern GIT_PATH =
            Pattern.compile("/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+\\.git)(/.*)?");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path repositories;
    private final GithubAppCredentials app;
    private final AppJwtVerifier jwts;
    private final InstallationTokens installationTokens;
    private final OAuthClientCredentials oauthClient;
    private final OAuthAuthorizations oauth;
    private final GitEndpoint git;
    private final Map<String, GithubUser> users = new ConcurrentHashMap<>();
    private final Map<Long, GithubUser> installations = new ConcurrentHashMap<>();
    private final AtomicLong nextInstallation = new AtomicLong(41_000_001);
    private final AtomicReference<GithubUser> browserUser = new AtomicReference<>();
    private final AtomicReference<URI> registeredCallback = new AtomicReference<>();

    private FakeGithub(Path repositories, KeyPair appKey, String appId, Clock clock)
            throws IOException {
        this.repositories = repositories;
        this.app = new GithubAppCredentials(appId, pkcs8Pem(appKey));
        this.jwts = new AppJwtVerifier(appId, appKey.getPublic(), clock);
        this.installationTokens = new InstallationTokens(clock);
        this.oauthClient = new OAuthClientCredentials("Iv1." + randomHex(8), randomHex(20));
        this.oauth = new OAuthAuthorizations(oauthClient);
        this.git = new GitEndpoint(repositories, installationTokens, installations);
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor =
                Executors.newCachedThreadPool(
                        runnable -> {
                            Thread thread = new Thread(runnable, "fake-github");
                            thread.setDaemon(true);
                            return thread;
                        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts on a free loopback port, with a new App key pair and OAuth client. */
    public static FakeGithub start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            FakeGithub github =
                    new FakeGithub(
                            Files.createTempDirectory("fake-github-"),
                            generator.generateKeyPair(),
                            String.valueOf(100_000 + new SecureRandom().nextInt(800_000)),
                            Clock.systemUTC());
            github.server.start();
            return github;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake GitHub", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: API, OAuth and clone root. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI authorizeUrl() {
        return url().resolve("/login/oauth/authorize");
    }

    public URI tokenUrl() {
        return url().resolve("/login/oauth/access_token");
    }

    /** The App the platform clones with: its id and private key (a secret). */
    public GithubAppCredentials app() {
        return app;
    }

    /** The OAuth client the platform signs users in with (the secret is a secret). */
    public OAuthClientCredentials oauthClient() {
        return oauthClient;
    }

    /** Adds an account; its login is unique here. */
    public GithubUser addUser(GithubUser user) {
        if (users.putIfAbsent(user.login().toLowerCase(), user) != null) {
            throw new IllegalArgumentException("login: " + user.login() + " exists already");
        }
        return user;
    }

    /** The user the OAuth authorize page approves as, as if they were signed in to GitHub. */
    public void signInBrowserAs(GithubUser user) {
        requireKnown(user);
        browserUser.set(user);
    }

    /**
     * The App's registered callback URL, where the authorize page sends the browser when the
     * platform sends no {@code redirect_uri} (as GitHub does).
     */
    public void registerOAuthCallback(URI callback) {
        registeredCallback.set(callback);
    }

    /**
     * Installs the App on {@code owner}'s account (all repositories); returns the installation id.
     */
    public long installApp(GithubUser owner) {
        requireKnown(owner);
        long id = nextInstallation.getAndIncrement();
        installations.put(id, owner);
        return id;
    }

    /**
     * A new empty bare repository {@code owner/name} with default branch {@code main}, on disk:
     * push to {@link Path#toUri()} of the answer with git, as if the user pushed to GitHub.
     */
    public Path createRepository(GithubUser owner, String name) {
        requireKnown(owner);
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new IllegalArgumentException("name: not a GitHub repository name: " + name);
        }
        Path bare = repositories.resolve(owner.login()).resolve(name + ".git");
        try {
            Files.createDirectories(bare.getParent());
            Process init =
                    new ProcessBuilder(
                                    "git",
                                    "init",
                                    "--quiet",
                                    "--bare",
                                    "-b",
                                    "main",
                                    bare.toString())
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (init.waitFor() != 0) {
                throw new IllegalStateException("git init --bare " + bare + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + bare, e);
        }
        return bare;
    }

    /** Installation tokens issued so far (each a successful, JWT-verified App request). */
    public int installationTokensIssued() {
        return installationTokens.count();
    }

    /** Git requests served with a valid installation token. */
    public int authorizedGitRequests() {
        return git.authorized();
    }

    /** Git requests refused for a missing, unknown or foreign token. */
    public int refusedGitRequests() {
        return git.refused();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        Directories.deleteQuietly(repositories);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        } catch (RuntimeException e) {
            send(exchange, 500, "application/json", message("fake GitHub failed: " + e));
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Matcher tokens = ACCESS_TOKENS.matcher(path);
        Matcher gitPath = GIT_PATH.matcher(path);
        if (tokens.matches() && method.equals("POST")) {
            installationToken(exchange, Long.parseLong(tokens.group(1)));
        } else if (path.equals("/login/oauth/authorize") && method.equals("GET")) {
            authorize(exchange);
        } else if (path.equals("/login/oauth/access_token") && method.equals("POST")) {
            accessToken(exchange);
        } else if (path.equals("/user") && method.equals("GET")) {
            withUser(exchange, GithubJson::user);
        } else if (path.equals("/user/emails") && method.equals("GET")) {
            withUser(exchange, GithubJson::emails);
        } else if (path.equals("/user/installations") && method.equals("GET")) {
            withUser(exchange, user -> GithubJson.installations(installations, app.appId(), user));
        } else if (gitPath.matches()) {
            git.serve(exchange, gitPath.group(1), gitPath.group(2), gitPath.group(3));
        } else {
            send(exchange, 404, "application/json", message("Not Found"));
        }
    }

    private void installationToken(HttpExchange exchange, long installationId) throws IOException {
        Optional<String> refusal = jwts.refusal(bearer(exchange).orElse(null));
        if (refusal.isPresent()) {
            send(exchange, 401, "application/json", message(refusal.get()));
            return;
        }
        if (!installations.containsKey(installationId)) {
            send(exchange, 404, "application/json", message("Not Found"));
            return;
        }
        InstallationTokens.Issued issued = installationTokens.issue(installationId);
        send(
                exchange,
                201,
                "application/json",
                "{\"token\":"
                        + quote(issued.token())
                        + ",\"expires_at\":"
                        + quote(issued.expiresAt().toString())
                        + ",\"permissions\":{\"contents\":\"read\"},\"repository_selection\":\"all\"}");
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        GithubUser user = browserUser.get();
        if (user == null) {
            send(exchange, 401, "text/plain", "nobody is signed in to the fake GitHub's browser");
            return;
        }
        String redirect =
                Optional.ofNullable(query.get("redirect_uri"))
                        .or(() -> Optional.ofNullable(registeredCallback.get()).map(URI::toString))
                        .orElse(null);
        if (redirect == null) {
            send(
                    exchange,
                    400,
                    "text/plain",
                    "redirect_uri: none given and no callback registered (registerOAuthCallback)");
            return;
        }
        String code;
        try {
            code =
                    oauth.authorize(
                            user,
                            query.get("client_id"),
                            query.get("code_challenge"),
                            query.get("code_challenge_method"));
        } catch (IllegalArgumentException e) {
            send(exchange, 400, "text/plain", e.getMessage());
            return;
        }
        String state = query.getOrDefault("state", "");
        exchange.getResponseHeaders()
                .add(
                        "Location",
                        redirect
                                + (redirect.contains("?") ? "&" : "?")
                                + "code="
                                + code
                                + "&state="
                                + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
    }

    private void accessToken(HttpExchange exchange) throws IOException {
        Map<String, String> form =
                form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        OAuthAuthorizations.Exchange result =
                oauth.exchange(
                        form.get("client_id"),
                        form.get("client_secret"),
                        form.get("code"),
                        form.get("code_verifier"));
        // GitHub answers a refused exchange with 200 and an error field.
        send(
                exchange,
                200,
                "application/json",
                result.token() != null
                        ? "{\"access_token\":"
                                + quote(result.token())
                                + ",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}"
                        : "{\"error\":" + quote(result.error()) + "}");
    }

    private interface UserAnswer {
        String json(GithubUser user);
    }

    private void withUser(HttpExchange exchange, UserAnswer answer) throws IOException {
        Optional<GithubUser> user = bearer(exchange).flatMap(oauth::userOf);
        if (user.isEmpty()) {
            send(exchange, 401, "application/json", message("Bad credentials"));
            return;
        }
        send(exchange, 200, "application/json", answer.json(user.get()));
    }

    private void requireKnown(GithubUser user) {
        if (!user.equals(users.get(user.login().toLowerCase()))) {
            throw new IllegalArgumentException(
                    "user: " + user.login() + " was not added (addUser)");
        }
    }

    private static String pkcs8Pem(KeyPair key) {
        String base64 =
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
