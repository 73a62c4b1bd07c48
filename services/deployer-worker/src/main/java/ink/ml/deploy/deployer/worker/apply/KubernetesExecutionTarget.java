package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.deployer.worker.registry.RegistryAccess;
import ink.ml.deploy.deployer.worker.run.ExecutionTarget;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.CustomDomainResources;
import ink.ml.deploy.k8s.Labels;
import ink.ml.deploy.k8s.ProjectResources;
import ink.ml.deploy.k8s.ProjectSpec;
import ink.ml.deploy.k8s.RegistryPullSecret;
import ink.ml.deploy.k8s.RegistryPullSpec;
import ink.ml.deploy.k8s.ServiceNames;
import ink.ml.deploy.k8s.ServiceSpec;
import ink.ml.deploy.k8s.ServiceWorkload;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.deploy.RolloutResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.smallrye.common.annotation.Identifier;
import io.temporal.activity.Activity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Kubernetes execution target: a deployment's resources built with libs/k8s and written through
 * the fabric8 client (k3s in production). Every method is safe to retry: apply converges on the
 * built resources, waiting only reads, and deleting what is already gone is fine. Variable values
 * and the registry credential travel only inside their Secrets: they are never logged and never
 * part of a failure message.
 *
 * <p>Where the registry uses token authentication, each apply writes the namespace's pull Secret
 * with a freshly signed pull credential and the Deployment names it; the Secret belongs to the
 * namespace, not to a service, so deleting one service leaves it to the others and deleting the
 * namespace removes it. Where the registry is anonymous neither is written.
 */
@ApplicationScoped
@Identifier("kubernetes")
public class KubernetesExecutionTarget implements ExecutionTarget {
    private static final Logger LOG = Logger.getLogger(KubernetesExecutionTarget.class);

    private static final int NOT_FOUND = 404;

    /** cert-manager is a CRD: its endpoint is named here instead of discovered. */
    static final ResourceDefinitionContext CERTIFICATES =
            new ResourceDefinitionContext.Builder()
                    .withGroup("cert-manager.io")
                    .withVersion("v1")
                    .withKind(CustomDomainResources.CERTIFICATE_KIND)
                    .withPlural("certificates")
                    .withNamespaced(true)
                    .build();

    private final KubernetesClient client;
    private final ResourceApplier applier;
    private final WorkloadConfig config;
    private final RegistryAccess registryAccess;

    /** The registry of this deployer-worker's cluster, which pull Secrets are for. */
    private final RegistryHost registry;

    public KubernetesExecutionTarget(
            KubernetesClient client,
            ResourceApplier applier,
            WorkloadConfig config,
            RegistryAccess registryAccess,
            Clusters clusters) {
        this.client = client;
        this.applier = applier;
        this.config = config;
        this.registryAccess = registryAccess;
        this.registry = clusters.home().registry();
    }

    @Override
    public String description() {
        return "Kubernetes (" + client.getMasterUrl() + ")";
    }

    @Override
    public void apply(ServiceSpec spec) {
        ProjectSpec project = new ProjectSpec(spec.service().user(), spec.service().project());
        List<HasMetadata> resources = new ArrayList<>(ProjectResources.from(project).all());
        pullSecret(project).ifPresent(resources::add);
        resources.addAll(ServiceWorkload.from(spec).all());
        for (HasMetadata resource : resources) {
            Activity.getExecutionContext()
                    .heartbeat(resource.getKind() + " " + resource.getMetadata().getName());
            apply(resource);
        }
        LOG.infof(
                "applied %d resources of %s for deployment %s",
                resources.size(), spec.service().hostLabel(), spec.deployment());
    }

    @Override
    public RolloutResult awaitRollout(ServiceRef service, DeploymentId deployment) {
        long deadline = System.nanoTime() + config.rolloutTimeout().toNanos();
        while (true) {
            RolloutDiagnosis diagnosis =
                    RolloutDiagnosis.of(deployment, read(service), pods(service));
            // Heartbeating on every look lets a cancelled deployment stop waiting promptly.
            Activity.getExecutionContext().heartbeat(diagnosis.reason());
            if (diagnosis.isReady()) {
                LOG.infof("deployment %s of %s is ready", deployment, service.hostLabel());
                return new RolloutResult(diagnosis.readyReplicas());
            }
            if (diagnosis.isFailed()) {
                LOG.infof(
                        "deployment %s of %s failed to roll out: %s",
                        deployment, service.hostLabel(), diagnosis.reason());
                throw StepFailure.of(StepFailure.ROLLOUT_FAILED, diagnosis.reason());
            }
            if (System.nanoTime() - deadline > 0) {
                throw StepFailure.of(
                        StepFailure.ROLLOUT_FAILED,
                        "the rollout did not finish within "
                                + describe(config.rolloutTimeout())
                                + " ("
                                + diagnosis.reason()
                                + ")");
            }
            pause(config.rolloutPollInterval());
        }
    }

    @Override
    public void delete(ServiceRef service, boolean lastServiceOfProject) {
        String namespace = service.namespace();
        Map<String, String> selector = Labels.serviceSelector(service);
        // Traffic first, then the workload, then what it read; each call deletes whatever of it
        // still exists, so a retried or repeated delete finds nothing and succeeds.
        client.network().v1().ingresses().inNamespace(namespace).withLabels(selector).delete();
        client.apps().deployments().inNamespace(namespace).withLabels(selector).delete();
        client.services().inNamespace(namespace).withLabels(selector).delete();
        deleteCertificates(namespace, selector);
        client.secrets().inNamespace(namespace).withLabels(selector).delete();
        if (lastServiceOfProject) {
            client.namespaces().withName(namespace).delete();
        }
        LOG.infof(
                "deleted the resources of %s%s",
                service.hostLabel(), lastServiceOfProject ? " and namespace " + namespace : "");
    }

    /**
     * cert-manager writes a certificate's key pair into a Secret it does not delete with the
     * Certificate, and without our labels; it is found through the Certificate's spec.
     */
    private void deleteCertificates(String namespace, Map<String, String> selector) {
        var certificates =
                client.genericKubernetesResources(CERTIFICATES)
                        .inNamespace(namespace)
                        .withLabels(selector);
        List<GenericKubernetesResource> existing;
        try {
            existing = certificates.list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == NOT_FOUND) {
                // cert-manager is not installed: no service here can have a custom domain.
                return;
            }
            throw e;
        }
        for (GenericKubernetesResource certificate : existing) {
            if (certificate.get("spec", "secretName") instanceof String secretName) {
                client.secrets().inNamespace(namespace).withName(secretName).delete();
            }
        }
        certificates.delete();
    }

    /**
     * Signed anew on every apply, so each deploy extends the namespace's pull access by the
     * credential's lifetime. Replacing the Secret rolls no pods: the kubelet reads it only to pull.
     */
    private Optional<HasMetadata> pullSecret(ProjectSpec project) {
        return registryAccess
                .pullCredential(project.namespace())
                .map(
                        credential ->
                                RegistryPullSecret.from(
                                                new RegistryPullSpec(
                                                        project,
                                                        registry,
                                                        credential.username(),
                                                        credential.password()))
                                        .secret());
    }

    private void apply(HasMetadata resource) {
        ResourceApplications.apply(applier, resource);
    }

    private Deployment read(ServiceRef service) {
        return client.apps()
                .deployments()
                .inNamespace(service.namespace())
                .withName(ServiceNames.deploymentName(service))
                .get();
    }

    private List<Pod> pods(ServiceRef service) {
        return client.pods()
                .inNamespace(service.namespace())
                .withLabels(Labels.serviceSelector(service))
                .list()
                .getItems();
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Activity.wrap(e);
        }
    }

    private static String describe(Duration timeout) {
        long seconds = timeout.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " seconds";
    }
}
