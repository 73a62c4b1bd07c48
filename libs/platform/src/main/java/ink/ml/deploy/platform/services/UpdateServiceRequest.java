package ink.ml.deploy.platform.services;

import java.util.Optional;

/**
 * A merge update of a service: only the fields that are present change. Giving {@code repoId} or
 * {@code githubRepo} switches the source (not both). The name cannot change; it is accepted only
 * when it equals the current one, so a client may send back what it read. Variables change through
 * {@code Variables}. A command given as empty (or only whitespace) is cleared: the build goes back
 * to the detected one. Build one with {@link #builder()}.
 */
public record UpdateServiceRequest(
        Optional<String> name,
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
        Optional<String> vcpu) {

    public UpdateServiceRequest {
        name = orEmpty(name);
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
    }

    public static Builder builder() {
        return new Builder();
    }

    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    /** Sets only what the client gave. */
    public static final class Builder {
        private Optional<String> name = Optional.empty();
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

        private Builder() {}

        public Builder name(String name) {
            this.name = Optional.ofNullable(name);
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

        public UpdateServiceRequest build() {
            return new UpdateServiceRequest(
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
                    vcpu);
        }
    }
}
