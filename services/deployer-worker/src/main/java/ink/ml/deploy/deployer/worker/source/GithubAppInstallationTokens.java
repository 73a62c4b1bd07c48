package ink.ml.deploy.deployer.worker.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installation tokens from GitHub's REST API ({@code POST /app/installations/{id}/access_tokens}),
 * authenticated with the App's JWT. A token lives an hour; it is reused until five minutes before
 * it expires, so a burst of deploys costs one call.
 */
public final class GithubAppInstallationTokens implements GithubInstallationTokens {
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> appId;
    private final Optional<String> privateKeyPem;
    private final URI apiUrl;
    private final HttpClient http;
    private final Clock clock;
    private final Map<Long, Token> cache = new ConcurrentHashMap<>();
    private volatile GithubAppJwt jwt;

    public GithubAppInstallationTokens(
            Optional<String> appId,
            Optional<String> privateKeyPem,
            URI apiUrl,
            HttpClient http,
            Clock clock) {
        this.appId = appId.filter(value -> !value.isBlank());
        this.privateKeyPem = privateKeyPem.filter(value -> !value.isBlank());
        this.apiUrl = apiUrl;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String tokenFor(long installationId) {
        Token cached = cache.get(installationId);
        if (cached != null && cached.validAt(clock.instant().plus(REFRESH_BEFORE_EXPIRY))) {
            return cached.value();
        }
        Token fresh = request(installationId);
        cache.put(installationId, fresh);
        return fresh.value();
    }

    private Token request(long installationId) {
        HttpRequest request =
                HttpRequest.newBuilder(
                                apiUrl.resolve(
                                        "/app/installations/" + installationId + "/access_tokens"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + jwt().create())
                        .header("Accept", "application/vnd.github+json")
                        .header("X-GitHub-Api-Version", "2022-11-28")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GithubTokenException("GitHub did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GithubTokenException("interrupted while asking GitHub for a token", e);
        }
        int status = response.statusCode();
        if (status == 201 || status == 200) {
            return parse(response.body());
        }
        // 401: the App's key or id is wrong; 403/404: the installation is gone or suspended.
        boolean permanent = status == 401 || status == 403 || status == 404;
        throw new GithubTokenException(
                "GitHub refused a token for installation "
                        + installationId
                        + " (HTTP "
                        + status
                        + ")"
                        + (permanent
                                ? ": is the GitHub App still installed with access to the"
                                        + " repository?"
                                : ""),
                permanent);
    }

    private static Token parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            String token = json.path("token").asText("");
            String expiresAt = json.path("expires_at").asText("");
            if (token.isEmpty() || expiresAt.isEmpty()) {
                throw new GithubTokenException("GitHub's token answer has no token", false);
            }
            return new Token(token, Instant.parse(expiresAt));
        } catch (IOException | RuntimeException e) {
            if (e instanceof GithubTokenException known) {
                throw known;
            }
            throw new GithubTokenException("GitHub's token answer cannot be read", e);
        }
    }

    private GithubAppJwt jwt() {
        GithubAppJwt current = jwt;
        if (current == null) {
            if (appId.isEmpty() || privateKeyPem.isEmpty()) {
                throw new GithubTokenException(
                        "this cluster has no GitHub App configured (mcpdeploy.source.github.app-id"
                                + " and private-key), so it cannot clone GitHub repositories",
                        true);
            }
            current = new GithubAppJwt(appId.get(), privateKeyPem.get(), clock);
            jwt = current;
        }
        return current;
    }

    private record Token(String value, Instant expiresAt) {
        boolean validAt(Instant instant) {
            return expiresAt.isAfter(instant);
        }
    }
}
