package ink.ml.deploy.buildplan;

import java.util.List;

/**
 * A detected plan and the Dockerfile generated for it. The Dockerfile is built with the build
 * context as its context and is never written into the checkout.
 *
 * @param dockerfile the generated Dockerfile's text
 */
public record GeneratedBuild(BuildPlan plan, String dockerfile) implements BuildDecision {
    public GeneratedBuild {
        java.util.Objects.requireNonNull(plan, "plan");
        java.util.Objects.requireNonNull(dockerfile, "dockerfile");
    }

    /**
     * What the build log starts with: the plan (language, version, install, build, start, port),
     * each rule's reason, and the generated Dockerfile.
     */
    public List<String> logLines() {
        throw new UnsupportedOperationException("contract: the build-plan helper implements this");
    }
}
