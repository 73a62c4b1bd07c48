package ink.ml.deploy.deployer.worker.source;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The JGit cloner (machines without a git binary), held to {@link RepositoryClonerContract}. */
class JGitRepositoryClonerTest extends RepositoryClonerContract {

    @Override
    RepositoryCloner newCloner(Path workDir, long maxBytes, Duration timeout, Clock clock) {
        return new JGitRepositoryCloner(workDir, maxBytes, timeout, clock);
    }
}
