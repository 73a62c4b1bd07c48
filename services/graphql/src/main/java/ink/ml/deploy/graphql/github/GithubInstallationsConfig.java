package ink.ml.deploy.graphql.github;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** How the App installation callback asks GitHub which installations a user can see. */
@ConfigMapping(prefix = "mcpdeploy.github.installations")
public interface GithubInstallationsConfig {
    /** GitHub's REST API; tests point it at WireMock. */
    @WithDefault("https://api.github.com")
    URI apiUrl();

    /** How long one GitHub API call may take before the callback gives up. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Pages of 100 installations read at most; a user with more is refused rather than left
     * waiting.
     */
    @WithDefault("10")
    int maxPages();
}
