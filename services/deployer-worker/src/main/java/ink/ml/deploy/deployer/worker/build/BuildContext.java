package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.RepoPath;
import ink.ml.deploy.workflow.StepFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The service's root directory in a checkout, where detection looks and what a generated Dockerfile
 * is built with as its context. Resolved through symbolic links and refused when it leads out of
 * the checkout: a link in the repository could otherwise point detection and the build at the
 * worker's own files.
 */
final class BuildContext {
    private BuildContext() {}

    /**
     * @return the real path of the root directory inside {@code checkout}
     * @throws io.temporal.failure.ApplicationFailure NO_BUILD_PLAN when it is not a directory of
     *     the repository
     */
    static Path resolve(Path checkout, String rootDirectory) {
        RepoPath root;
        try {
            root = RepoPath.directory("rootDirectory", rootDirectory);
        } catch (InvalidValueException e) {
            throw StepFailure.of(StepFailure.NO_BUILD_PLAN, e.getMessage());
        }
        String display = root.value().isEmpty() ? "the repository root" : root.value();
        Path context = checkout.resolve(root.value()).normalize();
        if (!Files.isDirectory(context)) {
            throw StepFailure.of(
                    StepFailure.NO_BUILD_PLAN,
                    "the root directory "
                            + root.value()
                            + " is not a directory of the repository at this commit: create it,"
                            + " or change the service's root directory");
        }
        Path real = realPath(context);
        if (!real.startsWith(realPath(checkout))) {
            throw StepFailure.of(
                    StepFailure.NO_BUILD_PLAN,
                    display + " leads out of the repository through a symbolic link");
        }
        return real;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path, e);
        }
    }
}
