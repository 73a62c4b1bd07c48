package ink.ml.deploy.buildplan;

import java.nio.file.Path;

/** Decides how a checkout is built. Reads files only; never runs anything. */
public final class BuildPlanner {
    private final BaseImages baseImages;

    public BuildPlanner(BaseImages baseImages) {
        this.baseImages = baseImages;
    }

    /**
     * @param context the build context: the checkout's root directory, already resolved inside the
     *     checkout (symbolic links leading out of it are refused by the caller)
     * @throws NothingDetectedException when nothing buildable is found, the chosen language's files
     *     are missing or broken (e.g. a package.json that is not JSON), or a command in the
     *     settings cannot go into a Dockerfile (a newline)
     */
    public BuildDecision decide(Path context, BuildOptions options) {
        Checkout checkout = new Checkout(context);
        return switch (options.strategy()) {
            case DOCKERFILE -> new RepositoryDockerfile(options.dockerfilePath());
            case AUTO ->
                    checkout.isFile(options.dockerfilePath())
                            ? new RepositoryDockerfile(options.dockerfilePath())
                            : AutoDetection.detect(checkout, options, baseImages);
            case NODE -> generate(Language.NODE, checkout, options);
            case PYTHON -> generate(Language.PYTHON, checkout, options);
            case GO -> generate(Language.GO, checkout, options);
            case STATIC -> generate(Language.STATIC, checkout, options);
            case JAVA -> generate(Language.JAVA, checkout, options);
        };
    }

    private GeneratedBuild generate(Language language, Checkout checkout, BuildOptions options) {
        return generate(language, checkout, options, baseImages);
    }

    /** One language's rules, and nothing else: one home for the dispatch on {@link Language}. */
    static GeneratedBuild generate(
            Language language, Checkout checkout, BuildOptions options, BaseImages images) {
        PlanBuilder plan = new PlanBuilder(language, options, checkout);
        return switch (language) {
            case NODE -> NodeRules.generate(checkout, plan, images);
            case PYTHON -> PythonRules.generate(checkout, plan, images);
            case GO -> GoRules.generate(checkout, plan, images);
            case STATIC -> StaticRules.generate(checkout, options, plan, images);
            case JAVA -> JavaRules.generate(checkout, plan, images);
        };
    }
}
