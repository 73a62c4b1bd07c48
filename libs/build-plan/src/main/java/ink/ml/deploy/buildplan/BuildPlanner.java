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
     * @throws NothingDetectedException when nothing buildable is found, or the chosen language's
     *     files are missing or broken (e.g. a package.json that is not JSON)
     */
    public BuildDecision decide(Path context, BuildOptions options) {
        throw new UnsupportedOperationException("contract: the build-plan helper implements this");
    }
}
