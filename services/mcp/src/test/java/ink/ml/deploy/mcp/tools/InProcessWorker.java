package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.github.GithubAccounts;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.worker.control.CancellationWatchWorkflowImpl;
import ink.ml.deploy.worker.control.ControlActivitiesImpl;
import ink.ml.deploy.worker.control.DeploymentControlWorkflowImpl;
import ink.ml.deploy.worker.delete.DeleteServiceWorkflowImpl;
import ink.ml.deploy.worker.delete.ServiceDeletionActivitiesImpl;
import ink.ml.deploy.worker.deploy.DeployConfig;
import ink.ml.deploy.worker.deploy.DeployServiceWorkflowImpl;
import ink.ml.deploy.worker.deploy.DeploymentRecordActivitiesImpl;
import ink.ml.deploy.worker.deploy.InFlightDeployments;
import ink.ml.deploy.worker.deploy.LatestWinsStarts;
import ink.ml.deploy.worker.source.TrackedBranches;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The worker's workflows and product-plane activities (services/worker, the real code) on queue
 * {@code default}, and the {@link StandInCluster} on the deployer queue, polling the Temporal test
 * server from inside the test JVM. mcp itself never runs a worker; its tests need one so that the
 * tools' deployment requests are carried out end to end.
 */
@ApplicationScoped
class InProcessWorker {
    static final String DEPLOYER_QUEUE = "deployer-eu-central-1";

    private final WorkflowClient client;
    private final Services services;
    private final Projects projects;
    private final Deployments deployments;
    private final DeploymentRecords records;
    private final GithubAccounts githubAccounts;
    private final Clusters clusters;
    private final CustomDomains domains;
    private StandInCluster cluster;
    private WorkerFactory factory;

    InProcessWorker(
            WorkflowClient client,
            Services services,
            Projects projects,
            Deployments deployments,
            DeploymentRecords records,
            GithubAccounts githubAccounts,
            Clusters clusters,
            CustomDomains domains) {
        this.client = client;
        this.services = services;
        this.projects = projects;
        this.deployments = deployments;
        this.records = records;
        this.githubAccounts = githubAccounts;
        this.clusters = clusters;
        this.domains = domains;
    }

    /** Starts polling once; later calls return the same cluster. */
    synchronized StandInCluster start() {
        if (factory != null) {
            return cluster;
        }
        DeployConfig config = new TestDeployConfig();
        InFlightDeployments inFlight = new InFlightDeployments(client, records, config);
        LatestWinsStarts starts = new LatestWinsStarts(inFlight, client);
        cluster = new StandInCluster(client);
        factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationTypes(
                DeploymentControlWorkflowImpl.class,
                CancellationWatchWorkflowImpl.class,
                DeployServiceWorkflowImpl.class,
                DeleteServiceWorkflowImpl.class);
        worker.registerActivitiesImplementations(
                new ControlActivitiesImpl(
                        services,
                        deployments,
                        new TrackedBranches(services, projects, githubAccounts),
                        starts,
                        inFlight),
                new DeploymentRecordActivitiesImpl(records, githubAccounts, clusters),
                new ServiceDeletionActivitiesImpl(services, records, inFlight, domains));
        factory.newWorker(DEPLOYER_QUEUE).registerActivitiesImplementations(cluster.activities());
        factory.start();
        return cluster;
    }

    @PreDestroy
    synchronized void stop() {
        if (factory != null) {
            factory.shutdownNow();
        }
    }

    /** The worker's deploy settings for tests: a quick cancellation poll. */
    private static final class TestDeployConfig implements DeployConfig {
        @Override
        public Duration cancellationWait() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration cancellationPoll() {
            return Duration.ofMillis(50);
        }
    }
}
