package ink.ml.deploy.deployer.worker.build;

import java.util.function.Consumer;

/**
 * Builds an image from a Dockerfile and pushes it to the registry. Implementations: {@link
 * BuildKitImageBuilder} (production) and {@link DockerEngineImageBuilder} (a local engine).
 */
public interface ImageBuilder {

    /**
     * Returns once the image is in the registry.
     *
     * @param output receives the builder's output, line by line, as it is printed
     * @param cancellation stops the build: this method then throws {@link
     *     java.util.concurrent.CancellationException}
     * @throws io.temporal.failure.ApplicationFailure BUILD_FAILED or PUSH_FAILED, with the output's
     *     last lines
     */
    void buildAndPush(BuildJob job, Consumer<String> output, Cancellation cancellation)
            throws InterruptedException;
}
