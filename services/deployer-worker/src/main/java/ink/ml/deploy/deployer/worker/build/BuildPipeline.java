package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.buildplan.BuildDecision;
import ink.ml.deploy.buildplan.BuildOptions;
import ink.ml.deploy.buildplan.BuildPlanner;
import ink.ml.deploy.buildplan.GeneratedBuild;
import ink.ml.deploy.buildplan.NothingDetectedException;
import ink.ml.deploy.buildplan.RepositoryDockerfile;
import ink.ml.deploy.deployer.worker.build.policy.DockerfilePolicy;
import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.source.GitCheckout;
import ink.ml.deploy.deployer.worker.source.RemoteRepositories;
import ink.ml.deploy.deployer.worker.source.RemoteRepository;
import ink.ml.deploy.deployer.worker.source.RepositoryCloner;
import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.registryauth.RegistryRole;
import ink.ml.deploy.registryauth.RegistryScope;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.BuildRequest;
import ink.ml.deploy.workflow.deploy.BuildResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One build, start to end, without Temporal: clone the commit, find the Dockerfile or generate one
 * from the detected app (libs/build-plan), and build and push unless the registry already has the
 * image. Each step announces itself in the output, so the build log reads as what happened. The
 * checkout is deleted whatever the outcome.
 */
public final class BuildPipeline {
    private final RemoteRepositories remotes;
    private final RepositoryCloner cloner;
    private final RegistryClient registry;
    private final ImageBuilder builder;
    private final RegistryAccess access;
    private final DockerfilePolicy policy;
    private final BuildPlanner planner;
    private final String registryHost;
    private final boolean plainHttpRegistry;

    public BuildPipeline(
            RemoteRepositories remotes,
            RepositoryCloner cloner,
            RegistryClient registry,
            ImageBuilder builder,
            RegistryAccess access,
            BuildPlanner planner,
            String registryHost,
            boolean plainHttpRegistry) {
        this.remotes = remotes;
        this.cloner = cloner;
        this.registry = registry;
        this.builder = builder;
        this.access = access;
        this.policy = new DockerfilePolicy(registryHost, access.baseNamespace());
        this.planner = planner;
        this.registryHost = registryHost;
        this.plainHttpRegistry = plainHttpRegistry;
    }

    /**
     * @throws io.temporal.failure.ApplicationFailure CLONE_FAILED, NO_DOCKERFILE, NO_BUILD_PLAN,
     *     BUILD_FAILED or PUSH_FAILED: the user has to change something
     * @throws java.util.concurrent.CancellationException when {@code cancellation} fired
     */
    public BuildResult run(BuildRequest request, Consumer<String> output, Cancellation cancellation)
            throws InterruptedException {
        PushTarget image = pushTarget(request.imageRef());
        GitSha commit = commit(request.commitSha());
        RemoteRepository remote =
                remotes.resolve(
                        request.sourceKind(), request.repository(), request.installationId());
        output.accept("==> Cloning " + remote.name() + " at " + commit.value());
        String context = request.rootDirectory() == null ? "" : request.rootDirectory();
        long cloneStart = System.nanoTime();
        try (GitCheckout checkout =
                cloner.clone(remote, commit, context, cancellation::isCancelled)) {
            output.accept("==> Cloned in " + StepTimer.millisSince(cloneStart) + " ms");
            String dockerfilePath = request.dockerfilePath();
            // A Dockerfile strategy builds the repository's Dockerfile without looking further,
            // as before strategies existed; the others ask libs/build-plan.
            if (request.buildStrategy() != BuildStrategy.DOCKERFILE) {
                Path root = BuildContext.resolve(checkout.root(), request.rootDirectory());
                BuildDecision decision = decide(root, request);
                if (decision instanceof GeneratedBuild generated) {
                    return buildGenerated(
                            checkout.root(), root, request, generated, image, output, cancellation);
                }
                dockerfilePath = ((RepositoryDockerfile) decision).dockerfilePath();
            }
            DetectedBuild build =
                    DockerfileDetector.detect(
                            checkout.root(), request.rootDirectory(), dockerfilePath);
            output.accept(
                    "==> Using "
                            + build.displayPath()
                            + (build.exposedPort() == null
                                    ? " (no EXPOSE)"
                                    : " (EXPOSE " + build.exposedPort() + ")"));
            return buildOrReuse(
                    build,
                    BuildRecipe.of(checkout.root(), build),
                    "Dockerfile",
                    image,
                    output,
                    cancellation);
        }
    }

    /** What libs/build-plan decides from the root directory's files and the service's settings. */
    private BuildDecision decide(Path context, BuildRequest request) {
        try {
            return planner.decide(
                    context,
                    new BuildOptions(
                            request.buildStrategy(),
                            request.dockerfilePath(),
                            request.installCommand(),
                            request.buildCommand(),
                            request.startCommand()));
        } catch (NothingDetectedException e) {
            throw StepFailure.of(StepFailure.NO_BUILD_PLAN, e.getMessage());
        }
    }

    /**
     * The plan and the generated Dockerfile open the build's output, so the log explains itself;
     * the Dockerfile is built from a directory of its own, with the root directory as its context,
     * and the app listens on the plan's port.
     */
    private BuildResult buildGenerated(
            Path checkout,
            Path context,
            BuildRequest request,
            GeneratedBuild generated,
            PushTarget image,
            Consumer<String> output,
            Cancellation cancellation)
            throws InterruptedException {
        generated.logLines().forEach(output);
        BuildRecipe recipe =
                BuildRecipe.generated(
                        checkout,
                        context,
                        request.buildStrategy(),
                        request.installCommand(),
                        request.buildCommand(),
                        request.startCommand(),
                        generated.dockerfile());
        try (GeneratedDockerfile dockerfile = GeneratedDockerfile.write(generated.dockerfile())) {
            DetectedBuild build =
                    new DetectedBuild(
                            context,
                            dockerfile.path(),
                            generated.plan().port(),
                            "the generated Dockerfile");
            output.accept(
                    "==> Using the generated Dockerfile (port " + generated.plan().port() + ")");
            return buildOrReuse(build, recipe, "build settings", image, output, cancellation);
        }
    }

    /**
     * Checks the Dockerfile, then builds and pushes unless the registry has the image built from
     * the same recipe.
     *
     * @param recipeWords what the recipe covers besides the root directory, for the log
     */
    private BuildResult buildOrReuse(
            DetectedBuild build,
            BuildRecipe recipe,
            String recipeWords,
            PushTarget image,
            Consumer<String> output,
            Cancellation cancellation)
            throws InterruptedException {
        checkPolicy(build, RegistryAccess.namespaceOf(image.repository()), output);
        if (registry.hasImageBuiltBy(image, recipe)) {
            output.accept(
                    "==> "
                            + image
                            + " is already in the registry, built from the same root"
                            + " directory and "
                            + recipeWords
                            + ": not rebuilding it");
            return BuildResult.of(image.reference(), build.exposedPort(), true);
        }
        output.accept("==> Building " + image);
        long buildStart = System.nanoTime();
        builder.buildAndPush(
                new BuildJob(
                        build.context(),
                        build.dockerfile(),
                        image,
                        plainHttpRegistry,
                        recipe,
                        login(image)),
                output,
                cancellation);
        output.accept("==> Pushed " + image + " (" + StepTimer.millisSince(buildStart) + " ms)");
        return BuildResult.of(image.reference(), build.exposedPort(), false);
    }

    /**
     * Refuses, before anything is fetched, a Dockerfile that names what a build may not reach: a
     * clear reason early. The build network and the registry's token auth hold anyway, whatever the
     * file hides from this reading.
     */
    private void checkPolicy(DetectedBuild build, String namespace, Consumer<String> output) {
        String text;
        try {
            text = Files.readString(build.dockerfile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw StepFailure.of(
                    StepFailure.BUILD_FAILED,
                    build.displayPath() + " cannot be read as UTF-8 text");
        }
        List<String> refusals = policy.refusals(text, namespace);
        if (!refusals.isEmpty()) {
            refusals.forEach(refusal -> output.accept("==> Refused: " + refusal));
            throw StepFailure.of(
                    StepFailure.BUILD_FAILED,
                    build.displayPath() + " was refused: " + String.join("; ", refusals));
        }
    }

    /** The build's own project namespace is all its credential reaches. */
    private RegistryLogin login(PushTarget image) {
        return new RegistryLogin(
                access.buildCredential(RegistryAccess.namespaceOf(image.repository())),
                access.bearerToken(
                        image.repository(),
                        RegistryRole.BUILD,
                        RegistryScope.PULL,
                        RegistryScope.PUSH));
    }

    /**
     * Only this cluster's registry: a request naming another one is a bug upstream, not retried.
     */
    private PushTarget pushTarget(String imageRef) {
        PushTarget image;
        try {
            image = PushTarget.parse(imageRef);
        } catch (IllegalArgumentException e) {
            throw StepFailure.of(StepFailure.PUSH_FAILED, e.getMessage());
        }
        if (!image.registry().equals(registryHost)) {
            throw StepFailure.of(
                    StepFailure.PUSH_FAILED,
                    "image " + image + " is not in this cluster's registry (" + registryHost + ")");
        }
        return image;
    }

    private static GitSha commit(String sha) {
        try {
            return GitSha.of(sha);
        } catch (InvalidValueException e) {
            throw StepFailure.of(StepFailure.CLONE_FAILED, e.getMessage());
        }
    }
}
