package ink.ml.deploy.workflow.deploy;

import com.fasterxml.jackson.annotation.JsonCreator;
import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.WireEnum;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the deployer needs for one deployment, in parts grouped by meaning. Carries decrypted
 * variables: it only travels inside encrypted payloads (EncryptingPayloadCodec) and never prints
 * them.
 *
 * @param target whose service it is and where it runs
 * @param source the commit to build
 * @param build how the image is built from the source
 * @param runtime how the workload runs
 * @param image the image this deployment runs: where its build pushes ({@code
 *     {registry}/dp-{user}-{project}/{service}:{sha}}), or for a rollback the earlier build's
 * @param reusesImage a rollback: {@code image} was built before, nothing to build
 */
public record DeploymentPlan(
        String deploymentId,
        Target target,
        Source source,
        BuildSettings build,
        Runtime runtime,
        String image,
        boolean reusesImage) {

    public DeploymentPlan {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(image, "image");
    }

    /** A deployment of a fresh commit: its build pushes {@code image}. */
    public static DeploymentPlan toBuild(
            String deploymentId,
            Target target,
            Source source,
            BuildSettings build,
            Runtime runtime,
            String image) {
        return new DeploymentPlan(deploymentId, target, source, build, runtime, image, false);
    }

    /** A rollback: runs {@code image}, an earlier deployment's build, without building. */
    public static DeploymentPlan reusing(
            String deploymentId,
            Target target,
            Source source,
            BuildSettings build,
            Runtime runtime,
            String image) {
        return new DeploymentPlan(deploymentId, target, source, build, runtime, image, true);
    }

    public boolean needsBuild() {
        return !reusesImage;
    }

    /**
     * Reads this shape, and the flat one plans had before they were grouped (histories of runs
     * started before keep replaying).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static DeploymentPlan read(DeploymentPlanJson json) {
        return json.plan();
    }

    /**
     * Whose service it is and where it runs.
     *
     * @param region the cluster region of the service's project: its deployer queue does the work
     */
    public record Target(
            String serviceId, String userId, String project, String service, String region) {}

    /**
     * The commit to build.
     *
     * @param repository {@code owner/name} on GitHub, or the internal repo's path on the
     *     git-server, {@code {user}/{project}/{repo}} ({@code
     *     ink.ml.deploy.domain.InternalRepoPath})
     * @param installationId the GitHub App installation to clone with, or null
     */
    public record Source(
            @WireEnum SourceKind kind,
            String repository,
            Long installationId,
            String branch,
            String commitSha) {
        public Source {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * @param rootDirectory repo-relative directory the build runs in; empty for the repo root
     * @param dockerfilePath Dockerfile path relative to the root directory
     * @param strategy how the image is built; plans loaded before strategies were carried built the
     *     repository's Dockerfile, so a missing one reads as {@link BuildStrategy#DOCKERFILE}
     * @param installCommand the user's install command for a generated build, or null
     * @param buildCommand the user's build command for a generated build, or null
     * @param startCommand the user's start command for a generated build, or null
     */
    public record BuildSettings(
            String rootDirectory,
            String dockerfilePath,
            @WireEnum BuildStrategy strategy,
            String installCommand,
            String buildCommand,
            String startCommand) {
        public BuildSettings {
            strategy = strategy == null ? BuildStrategy.DOCKERFILE : strategy;
        }

        /** A build of the repository's own Dockerfile. */
        public static BuildSettings dockerfile(String rootDirectory, String dockerfilePath) {
            return new BuildSettings(
                    rootDirectory, dockerfilePath, BuildStrategy.DOCKERFILE, null, null, null);
        }
    }

    /**
     * How the workload runs. Carries decrypted variables: never printed.
     *
     * @param port the port the app listens on
     * @param memoryMi memory limit in MiB
     * @param milliCpu CPU limit in millicores
     */
    public record Runtime(int port, int memoryMi, int milliCpu, Map<String, String> env) {
        public Runtime {
            env = env == null ? Map.of() : Map.copyOf(env);
        }

        @Override
        public String toString() {
            return "Runtime[port="
                    + port
                    + ", memoryMi="
                    + memoryMi
                    + ", milliCpu="
                    + milliCpu
                    + ", env="
                    + env.keySet()
                    + "]";
        }
    }
}
