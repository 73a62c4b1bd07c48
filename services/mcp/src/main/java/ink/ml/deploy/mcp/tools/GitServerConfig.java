package ink.ml.deploy.mcp.tools;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where agents push the code of {@code ink} repositories. */
@ConfigMapping(prefix = "mcpdeploy.git-server")
public interface GitServerConfig {
    /**
     * The git server's public base URL; remotes are {@code {url}/{user}/{project}/{repo}.git} (the
     * path scheme of services/git-server).
     */
    @WithDefault("https://git.ml.ink")
    String url();
}
