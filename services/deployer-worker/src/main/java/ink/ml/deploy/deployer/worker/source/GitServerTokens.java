package ink.ml.deploy.deployer.worker.source;

import java.util.Optional;

/** Read tokens for the internal git server's repositories. */
public interface GitServerTokens {

    /** The token to clone {@code repository} with, or empty to clone anonymously. */
    Optional<String> tokenFor(String repository);
}
