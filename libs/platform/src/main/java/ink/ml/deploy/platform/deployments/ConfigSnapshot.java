package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.BuildSettings;
import ink.ml.deploy.domain.ResourcePlan;
import ink.ml.deploy.domain.SourceKind;
import java.util.Objects;
import java.util.UUID;

/**
 * How a service was configured when a deployment was recorded, stored with the deployment as JSON
 * ({@code deployments.config_snapshot}) so the deployer builds and runs exactly that and a rollback
 * reuses it. No secrets: variables live sealed in the env snapshot.
 *
 * @param port the port the app listens on
 * @param memoryMi memory limit in MiB (a {@link ResourcePlan} choice)
 * @param milliCpu CPU limit in millicores (a {@link ResourcePlan} choice)
 * @param rootDirectory repo-relative directory the build runs in; empty for the repo root
 * @param dockerfilePath Dockerfile path relative to the root directory
 * @param branch the branch the service tracks
 * @param buildStrategy how the image is built, e.g. {@code dockerfile}
 * @param installCommand the user's install command for a generated build; null for the detected
 *     one, and in snapshots recorded before services had commands
 * @param buildCommand the user's build command; null for the detected one
 * @param startCommand the user's start command; null for the detected one
 * @param source where the code comes from
 */
public record ConfigSnapshot(
        int port,
        int memoryMi,
        int milliCpu,
        String rootDirectory,
        String dockerfilePath,
        String branch,
        String buildStrategy,
        String installCommand,
        String buildCommand,
        String startCommand,
        Source source) {

    public ConfigSnapshot {
        Objects.requireNonNull(rootDirectory, "rootDirectory");
        Objects.requireNonNull(dockerfilePath, "dockerfilePath");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(buildStrategy, "buildStrategy");
        Objects.requireNonNull(source, "source");
    }

    public AppPort appPort() {
        return AppPort.of(port);
    }

    public ResourcePlan plan() {
        return new ResourcePlan(memoryMi, milliCpu);
    }

    /** What decides the image besides the commit; its fingerprint is part of the image tag. */
    public BuildSettings buildSettings() {
        return BuildSettings.of(
                buildStrategy,
                rootDirectory,
                dockerfilePath,
                installCommand,
                buildCommand,
                startCommand);
    }

    /**
     * The repository a deployment builds from.
     *
     * @param kind {@code internal} (the platform's git-server) or {@code github}
     * @param githubRepo {@code owner/name} on GitHub, when {@code kind} is github
     * @param internalRepoId the internal repository's id, when {@code kind} is internal
     * @param internalRepoName the internal repository's name in its project, when internal
     */
    public record Source(
            String kind, String githubRepo, UUID internalRepoId, String internalRepoName) {
        public Source {
            Objects.requireNonNull(kind, "kind");
        }

        // No get/is prefixes on derived methods: JSON holds the components only.

        public static Source github(String ownerAndName) {
            return new Source(
                    SourceKind.GITHUB.value(), Objects.requireNonNull(ownerAndName), null, null);
        }

        public static Source internal(UUID repoId, String repoName) {
            return new Source(
                    SourceKind.INTERNAL.value(),
                    null,
                    Objects.requireNonNull(repoId),
                    Objects.requireNonNull(repoName));
        }

        public boolean fromGithub() {
            return SourceKind.GITHUB.value().equals(kind);
        }

        public boolean fromInternalRepo() {
            return SourceKind.INTERNAL.value().equals(kind);
        }
    }
}
