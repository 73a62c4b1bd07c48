package ink.ml.deploy.worker;

import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.repos.InternalRepos;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.users.Users;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/** Users and services in the real product-plane database, for the worker's Quarkus tests. */
@ApplicationScoped
public class ProductPlaneFixtures {
    private final SecureRandom random = new SecureRandom();
    private final Users users;
    private final Services services;
    private final Projects projects;
    private final InternalRepos repos;

    public ProductPlaneFixtures(
            Users users, Services services, Projects projects, InternalRepos repos) {
        this.users = users;
        this.services = services;
        this.projects = projects;
        this.repos = repos;
    }

    /** A fresh user, with their default project. */
    public Caller newUser() {
        return Caller.of(users.register("Worker Test", "worker-test@example.com").id());
    }

    /** A live service of the caller, building from a GitHub repository's branch. */
    public UUID githubService(
            Caller caller, String name, String repository, String branch, Map<String, String> env) {
        return UUID.fromString(
                services.create(
                                caller,
                                CreateServiceRequest.builder(name)
                                        .githubRepo(repository)
                                        .branch(branch)
                                        .env(env)
                                        .build())
                        .id());
    }

    /**
     * A live service of the caller in their default project, building from a branch of a new
     * internal repository named {@code repoName}.
     */
    public UUID internalService(Caller caller, String name, String repoName, String branch) {
        String repoId = repos.create(caller, projects.getDefault(caller).id(), repoName).id();
        return UUID.fromString(
                services.create(
                                caller,
                                CreateServiceRequest.builder(name)
                                        .repoId(repoId)
                                        .branch(branch)
                                        .build())
                        .id());
    }

    /** A repository name no other test uses. */
    public String uniqueRepository() {
        return "octo/shop-" + HexFormat.of().formatHex(bytes(4));
    }

    public GitSha randomSha() {
        return GitSha.of(HexFormat.of().formatHex(bytes(20)));
    }

    private byte[] bytes(int n) {
        byte[] raw = new byte[n];
        random.nextBytes(raw);
        return raw;
    }
}
