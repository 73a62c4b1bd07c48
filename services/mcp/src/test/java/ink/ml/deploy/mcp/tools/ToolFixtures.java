package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.platform.apikeys.ApiKeys;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.repos.InternalRepos;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/** Users, credentials and names for the tool tests, in the real product-plane database. */
@ApplicationScoped
class ToolFixtures {
    private final SecureRandom random = new SecureRandom();
    private final Projects projects;
    private final ApiKeys apiKeys;
    private final InternalRepos repos;
    private final Services services;

    ToolFixtures(Projects projects, ApiKeys apiKeys, InternalRepos repos, Services services) {
        this.projects = projects;
        this.apiKeys = apiKeys;
        this.repos = repos;
        this.services = services;
    }

    /** The user {@code id} with a default project, created on first use. */
    @Transactional
    Caller user(String id) {
        Caller caller = new Caller(UserId.of(id));
        if (User.findById(id) == null) {
            User user = new User();
            user.id = id;
            user.displayName = "Tool Test " + id;
            user.email = id + "@example.com";
            user.createdAt = Timestamps.now();
            user.persist();
            projects.createDefault(caller);
        }
        return caller;
    }

    /** An internal repository of the caller's default project and a service building it. */
    String internalService(Caller caller, String repo, String name, Map<String, String> env) {
        String projectId = projects.getDefault(caller).id();
        String repoId = repos.create(caller, projectId, repo).id();
        return services.create(
                        caller,
                        CreateServiceRequest.builder(name)
                                .projectId(projectId)
                                .repoId(repoId)
                                .env(env)
                                .build())
                .id();
    }

    /** A fresh API key of the caller, as a headless agent would use it. */
    String apiKey(Caller caller) {
        return apiKeys.create(caller, "mcp-test").secret();
    }

    /** A name no other test uses: {@code prefix} and six hex digits. */
    String unique(String prefix) {
        byte[] raw = new byte[3];
        random.nextBytes(raw);
        return prefix + "-" + HexFormat.of().formatHex(raw);
    }

    /** A commit id, as a push would bring. */
    String sha() {
        byte[] raw = new byte[20];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
