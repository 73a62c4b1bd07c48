package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.DeploymentSnapshot;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.deployments.NewDeployment;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Services and deployment rows as the worker would leave them, for reading through the API. */
@ApplicationScoped
public class DeploymentFixtures {
    private final Services services;
    private final Deployments deployments;
    private final DeploymentRecords records;

    public DeploymentFixtures(
            Services services, Deployments deployments, DeploymentRecords records) {
        this.services = services;
        this.deployments = deployments;
        this.records = records;
    }

    public String service(Caller caller, String name) {
        return services.create(
                        caller,
                        CreateServiceRequest.builder(name).githubRepo("acme/" + name).build())
                .id();
    }

    public String service(Caller caller, String projectId, String name) {
        return services.create(
                        caller,
                        CreateServiceRequest.builder(name)
                                .projectId(projectId)
                                .githubRepo("acme/" + name)
                                .build())
                .id();
    }

    /** A deployment that ended as failed, so the next one may start. */
    public DeploymentView failed(Caller caller, String serviceId, char shaDigit) {
        DeploymentView queued = queued(caller, serviceId, shaDigit);
        return records.transition(
                UUID.fromString(queued.id()),
                DeploymentStatus.FAILED,
                Optional.of("build"),
                Optional.of("exit code 1"));
    }

    /** A deployment built, rolled out and active: a rollback target once another follows. */
    public DeploymentView active(Caller caller, String serviceId, char shaDigit) {
        UUID id = UUID.fromString(queued(caller, serviceId, shaDigit).id());
        records.transition(id, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        DeploymentSnapshot snapshot = records.snapshotFor(id);
        records.setImage(
                id,
                ImageRef.of(
                        RegistryHost.of("127.0.0.1:5000"), snapshot.service(), snapshot.commit()));
        records.transition(id, DeploymentStatus.DEPLOYING, Optional.empty(), Optional.empty());
        return records.transition(id, DeploymentStatus.ACTIVE, Optional.empty(), Optional.empty());
    }

    public DeploymentView queued(Caller caller, String serviceId, char shaDigit) {
        return deployments.record(
                caller,
                NewDeployment.api(
                        UUID.fromString(serviceId),
                        GitSha.of(String.valueOf(shaDigit).repeat(40))));
    }
}
