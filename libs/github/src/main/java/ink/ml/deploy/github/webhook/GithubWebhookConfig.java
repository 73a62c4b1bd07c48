package ink.ml.deploy.github.webhook;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The GitHub webhook endpoint, {@code POST /webhooks/github}, wherever it is served (graphql on the
 * product plane, deployer-server in a cluster): one mapping, so both read the same keys.
 */
@ConfigMapping(prefix = "mcpdeploy.github.webhook")
public interface GithubWebhookConfig {
    /**
     * The secret set on the GitHub App's (or repository's) webhook; only from the environment. When
     * absent every delivery is refused with 503: without it no signature can be checked.
     */
    Optional<String> secret();

    /**
     * The largest body accepted (413 above). GitHub caps payloads at 25 MB, but a push listing
     * thousands of commits is not what a deploy needs; pushes rarely pass a few hundred KB.
     */
    @WithDefault("5M")
    MemorySize maxBodySize();
}
