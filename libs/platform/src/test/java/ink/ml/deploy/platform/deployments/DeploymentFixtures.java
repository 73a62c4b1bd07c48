package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Services to deploy and deployments in a given state, for the deployment tests. */
@ApplicationScoped
public class DeploymentFixtures {
    private final SecureRandom random = new SecureRandom();
    private final Services services;
    private final Deployments deployments;
    private final DeploymentRecords records;

    public DeploymentFixtures(
            Services services, Deployments deployments, DeploymentRecords records) {
        this.services = services;
        this.deployments = deployments;
        this.records = records;
    }

    /** A live GitHub-sourced service with default settings in the caller's default project. */
    public UUID newService(Caller caller, String name) {
        return newService(caller, name, Map.of());
    }

    /** Like {@link #newService(Caller, String)}, with variables. */
    public UUID newService(Caller caller, String name, Map<String, String> env) {
        return UUID.fromString(
                services.create(
                                caller,
                                CreateServiceRequest.builder(name)
                                        .githubRepo("acme/" + name)
                                        .env(env)
                                        .build())
                        .id());
    }

    public GitSha randomSha() {
        byte[] raw = new byte[20];
        random.nextBytes(raw);
        return GitSha.of(HexFormat.of().formatHex(raw));
    }

    /** A deployment of a fresh commit taken through build and rollout to active. */
    public DeploymentView activeDeployment(Caller caller, UUID serviceId) {
        DeploymentView queued =
                deployments.record(caller, NewDeployment.api(serviceId, randomSha()));
        UUID id = UUID.fromString(queued.id());
        records.transition(id, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        records.setImage(id, imageOf(id));
        records.transition(id, DeploymentStatus.DEPLOYING, Optional.empty(), Optional.empty());
        return records.transition(id, DeploymentStatus.ACTIVE, Optional.empty(), Optional.empty());
    }

    /** A deployment of a fresh commit whose build failed. */
    public DeploymentView failedDeployment(Caller caller, UUID serviceId) {
        DeploymentView queued =
                deployments.record(caller, NewDeployment.api(serviceId, randomSha()));
        UUID id = UUID.fromString(queued.id());
        records.transition(id, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        return records.transition(
                id,
                DeploymentStatus.FAILED,
                Optional.of("build"),
                Optional.of("the Dockerfile has no FROM line"));
    }

    /**
     * The image the build would push for a deployment, in the test registry: tagged with its commit
     * and its build settings' fingerprint.
     */
    public ImageRef imageOf(UUID deploymentId) {
        DeploymentSnapshot snapshot = records.snapshotFor(deploymentId);
        return ImageRef.of(
                RegistryHost.of("127.0.0.1:5000"),
                snapshot.service(),
                snapshot.commit(),
                snapshot.config().buildSettings());
    }
}
