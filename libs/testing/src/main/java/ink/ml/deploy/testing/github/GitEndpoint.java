package ink.ml.deploy.testing.github;

import static ink.ml.deploy.testing.github.HttpExchanges.send;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /{owner}/{name}.git/…}: git smart HTTP as GitHub serves it to an App, only with Basic
 * {@code x-access-token:<installation token>} of an installation on the repository's owner. Counts
 * what it served and refused, so tests can tell a clone went through the App.
 */
final class GitEndpoint {
    private final Path repositories;
    private final GitHttpBackend backend;
    private final InstallationTokens tokens;
    private final Map<Long, GithubUser> installations;
    private final AtomicInteger authorized = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    GitEndpoint(Path repositories, InstallationTokens tokens, Map<Long, GithubUser> installations) {
        this.repositories = repositories;
        this.backend = new GitHttpBackend(repositories);
        this.tokens = tokens;
        this.installations = installations;
    }

    int authorized() {
        return authorized.get();
    }

    int refused() {
        return refused.get();
    }

    void serve(HttpExchange exchange, String owner, String repository, String rest)
            throws IOException {
        Optional<Long> installation = basicInstallationToken(exchange);
        GithubUser installedOn = installation.map(installations::get).orElse(null);
        if (installedOn == null || !installedOn.login().equalsIgnoreCase(owner)) {
            refused.incrementAndGet();
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"GitHub\"");
            send(exchange, 401, "text/plain", "Invalid username or token.");
            return;
        }
        if (!Files.isDirectory(repositories.resolve(owner).resolve(repository))) {
            send(exchange, 404, "text/plain", "Repository not found.");
            return;
        }
        authorized.incrementAndGet();
        backend.serve(
                exchange,
                "/" + owner + "/" + repository + (rest == null ? "" : rest),
                FakeGithub.TOKEN_USER);
    }

    /** The installation of a Basic {@code x-access-token:<token>} header's token, when valid. */
    private Optional<Long> basicInstallationToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(header.substring(6).trim()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals(FakeGithub.TOKEN_USER)) {
            return Optional.empty();
        }
        return tokens.installationOf(decoded.substring(colon + 1));
    }
}
