package ink.ml.deploy.graphql.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

/**
 * GitHub's {@code GET /user/installations} with the user's OAuth token: the App installations the
 * signed-in GitHub user can access. The callback only links an installation the user can see, so a
 * made-up {@code installation_id} in the callback URL links nothing.
 */
@ApplicationScoped
public class GithubInstallationsClient {
    private static final int PER_PAGE = 100;

    private final GithubInstallationsConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    public GithubInstallationsClient(GithubInstallationsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /**
     * @throws GithubApiException when GitHub refuses the token or cannot be reached
     */
    public boolean canAccess(String oauthToken, long installationId) {
        Set<Long> seen = new HashSet<>();
        for (int page = 1; page <= config.maxPages(); page++) {
            JsonNode body = get(oauthToken, page);
            JsonNode installations = body.path("installations");
            if (!installations.isArray()) {
                throw new GithubApiException(
                        502, "GitHub answered /user/installations without an installations list");
            }
            for (JsonNode installation : installations) {
                long id = installation.path("id").asLong(-1);
                if (id == installationId) {
                    return true;
                }
                seen.add(id);
            }
            long total = body.path("total_count").asLong(0);
            if (installations.size() < PER_PAGE || seen.size() >= total) {
                return false;
            }
        }
        throw new GithubApiException(
                409,
                "your GitHub account can access more than "
                        + config.maxPages() * PER_PAGE
                        + " App installations, more than this check reads");
    }

    private JsonNode get(String oauthToken, int page) {
        URI uri =
                URI.create(
                        stripSlash(config.apiUrl().toString())
                                + "/user/installations?per_page="
                                + PER_PAGE
                                + "&page="
                                + page);
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(config.timeout())
                        .header("Accept", "application/vnd.github+json")
                        .header("X-GitHub-Api-Version", "2022-11-28")
                        .header("Authorization", "Bearer " + oauthToken)
                        .GET()
                        .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new GithubApiException(502, "GitHub could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GithubApiException(503, "interrupted while asking GitHub");
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new GithubApiException(
                    401, "GitHub no longer accepts your sign-in: sign in with GitHub again");
        }
        if (status != 200) {
            throw new GithubApiException(
                    502, "GitHub answered " + status + " to /user/installations");
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new GithubApiException(502, "GitHub answered /user/installations with no JSON");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
