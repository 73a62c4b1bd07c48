package ink.ml.deploy.deployer.worker.source;

import ink.ml.deploy.domain.GitSha;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Clones exactly one commit, shallow, into a temporary directory without its {@code .git}. Two
 * implementations behave the same (limits, refusals, messages): {@link GitCliRepositoryCloner}
 * drives the {@code git} binary when the machine has one (faster: native pack indexing and
 * checkout), {@link JGitRepositoryCloner} needs nothing but the JVM. {@code
 * mcpdeploy.source.clone-with} chooses ({@link SourceConfig}).
 */
public interface RepositoryCloner {

    /**
     * @param context the build's root directory in the repository ("" for the root): where
     *     submodules and LFS files are refused
     * @param cancelled polled while objects arrive; when it turns true the clone stops with a
     *     {@link CancellationException}
     * @throws io.temporal.failure.ApplicationFailure CLONE_FAILED for what the user has to fix
     *     (unknown repository or commit, access denied, too large or slow, submodules, LFS)
     */
    GitCheckout clone(
            RemoteRepository remote, GitSha commit, String context, BooleanSupplier cancelled);
}
