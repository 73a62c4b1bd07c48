package ink.ml.deploy.platform.services;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a client asks for when it creates a service. Only {@code name} and one source are required;
 * everything else has a default. Values are raw input: {@link Services#create} validates them.
 * Build one with {@link #builder(String)}.
 *
 * @param projectId the project to create it in; the caller's default project when empty
 * @param name the service name (a DNS-1035 label, part of the hostname)
 * @param repoId the id of an internal repository of the same project (exclusive with githubRepo)
 * @param githubRepo a GitHub repository as {@code owner/name} (exclusive with repoId)
 * @param branch the branch to track; {@code main} when empty
 * @param rootDirectory the build context inside the repository; the repository root when empty
 * @param dockerfilePath the Dockerfile, relative to the root directory; {@code Dockerfile} when
 *     empty
 * @param buildStrategy how to build, the APIs' {@code build}: {@code auto}, {@code dockerfile} or a
 *     language; {@code auto} when empty
 * @param installCommand the install command of a generated build; the detected one when empty
 * @param buildCommand the build command of a generated build; the detected one when empty
 * @param startCommand the start command of a generated build; the detected one when empty
 * @param port the port the app listens on; 8080 when empty
 * @param memoryMi memory in MiB, one of the plan's choices; 512 when empty
 * @param vcpu vCPUs as a decimal ("0.5", "1", "2", "4"); 0.5 when empty
 * @param env initial environment variables, name to value
 */
public record CreateServiceRequest(
        Optional<String> projectId,
        String name,
        Optional<String> repoId,
        Optional<String> githubRepo,
        Optional<String> branch,
        Optional<String> rootDirectory,
        Optional<String> dockerfilePath,
        Optional<String> buildStrategy,
        Optional<String> installCommand,
        Optional<String> buildCommand,
        Optional<String> startCommand,
        Optional<Integer> port,
        Optional<Integer> memoryMi,
        Optional<String> vcpu,
        Map<String, String> env) {

    public CreateServiceRequest {
        projectId = orEmpty(projectId);
        repoId = orEmpty(repoId);
        githubRepo = orEmpty(githubRepo);
        branch = orEmpty(branch);
        rootDirectory = orEmpty(rootDirectory);
        dockerfilePath = orEmpty(dockerfilePath);
        buildStrategy = orEmpty(buildStrategy);
        installCommand = orEmpty(installCommand);
        buildCommand = orEmpty(buildCommand);
        startCommand = orEmpty(startCommand);
        port = orEmpty(port);
        memoryMi = orEmpty(memoryMi);
        vcpu = orEmpty(vcpu);
        // Kept as given (nulls included) so that validation, not this constructor, reports them.
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** Names the variables, never their values. */
    @Override
    public String toString() {
        return "CreateServiceRequest[projectId="
                + projectId
                + ", name="
                + name
                + ", repoId="
                + repoId
                + ", githubRepo="
                + githubRepo
                + ", branch="
                + branch
                + ", rootDirectory="
                + rootDirectory
                + ", dockerfilePath="
                + dockerfilePath
                + ", buildStrategy="
                + buildStrategy
                + ", installCommand="
                + installCommand
                + ", buildCommand="
                + buildCommand
                + ", startCommand="
                + startCommand
                + ", port="
                + port
                + ", memoryMi="
                + memoryMi
                + ", vcpu="
                + vcpu
                + ", env="
                + env.keySet()
                + " (values hidden)]";
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    /** Sets only what the client gave; every setter takes a present value. */
    public static final class Builder {
        private final String name;
        private Optional<String> projectId = Optional.empty();
        private Optional<String> repoId = Optional.empty();
        private Optional<String> githubRepo = Optional.empty();
        private Optional<String> branch = Optional.empty();
        private Optional<String> rootDirectory = Optional.empty();
        private Optional<String> dockerfilePath = Optional.empty();
        private Optional<String> buildStrategy = Optional.empty();
        private Optional<String> installCommand = Optional.empty();
        private Optional<String> buildCommand = Optional.empty();
        private Optional<String> startCommand = Optional.empty();
        private Optional<Integer> port = Optional.empty();
        private Optional<Integer> memoryMi = Optional.empty();
        private Optional<String> vcpu = Optional.empty();
        private Map<String, String> env = Map.of();

        private Builder(String name) {
            this.name = name;
        }

        public Builder projectId(String projectId) {
            this.projectId = Optional.ofNullable(projectId);
            return this;
        }

        public Builder repoId(String repoId) {
            this.repoId = Optional.ofNullable(repoId);
            return this;
        }

        public Builder githubRepo(String githubRepo) {
            this.githubRepo = Optional.ofNullable(githubRepo);
            return this;
        }

        public Builder branch(String branch) {
            this.branch = Optional.ofNullable(branch);
            return this;
        }

        public Builder rootDirectory(String rootDirectory) {
            this.rootDirectory = Optional.ofNullable(rootDirectory);
            return this;
        }

        public Builder dockerfilePath(String dockerfilePath) {
            this.dockerfilePath = Optional.ofNullable(dockerfilePath);
            return this;
        }

        public Builder buildStrategy(String buildStrategy) {
            this.buildStrategy = Optional.ofNullable(buildStrategy);
            return this;
        }

        public Builder installCommand(String installCommand) {
            this.installCommand = Optional.ofNullable(installCommand);
            return this;
        }

        public Builder buildCommand(String buildCommand) {
            this.buildCommand = Optional.ofNullable(buildCommand);
            return this;
        }

        public Builder startCommand(String startCommand) {
            this.startCommand = Optional.ofNullable(startCommand);
            return this;
        }

        public Builder port(int port) {
            this.port = Optional.of(port);
            return this;
        }

        public Builder memoryMi(int memoryMi) {
            this.memoryMi = Optional.of(memoryMi);
            return this;
        }

        public Builder vcpu(String vcpu) {
            this.vcpu = Optional.ofNullable(vcpu);
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.env = env;
            return this;
        }

        public CreateServiceRequest build() {
            return new CreateServiceRequest(
                    projectId,
                    name,
                    repoId,
                    githubRepo,
                    branch,
                    rootDirectory,
                    dockerfilePath,
                    buildStrategy,
                    installCommand,
                    buildCommand,
                    startCommand,
                    port,
                    memoryMi,
                    vcpu,
                    env);
        }
    }
}
