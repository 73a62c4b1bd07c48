package ink.ml.deploy.graphql.api.repos;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where clients reach the platform's git server (services/git-server) from outside. */
@ConfigMapping(prefix = "mcpdeploy.git-server")
public interface GitServerConfig {
    /** The public base URL; a repository is at {@code <public-url>/<repo id>.git}. */
    @WithDefault("https://git.ml.ink")
    String publicUrl();
}
