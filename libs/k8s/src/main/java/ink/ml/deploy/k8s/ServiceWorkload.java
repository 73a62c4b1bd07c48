package ink.ml.deploy.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer service's workload: its env Secret, Deployment, Service and platform Ingress. Pure:
 * same spec, same resources, so applying them again changes nothing.
 */
public final class ServiceWorkload {
    /** The gVisor RuntimeClass: the sandbox, and (through its nodeSelector) the run pool. */
    public static final String RUNTIME_CLASS = "gvisor";

    public static final String DEPLOYMENT_ID_ANNOTATION = "dp.ml.ink/deployment-id";
    public static final String COMMIT_ANNOTATION = "dp.ml.ink/commit";

    /** Apps read their port from PORT, as on Railway, Render and Heroku. */
    public static final String PORT_ENV = "PORT";

    /** Past this a rollout is reported as ProgressDeadlineExceeded, which fails the deployment. */
    static final int PROGRESS_DEADLINE_SECONDS = 300;

    private final ServiceSpec spec;
    private final Labels labels;

    private ServiceWorkload(ServiceSpec spec) {
        this.spec = spec;
        this.labels = Labels.forService(spec.service());
    }

    public static ServiceWorkload from(ServiceSpec spec) {
        return new ServiceWorkload(spec);
    }

    /** The variables, base64-encoded in {@code data} exactly as the API server stores them. */
    public Secret secret() {
        Map<String, String> data = new LinkedHashMap<>();
        spec.env()
                .forEach(
                        (name, value) ->
                                data.put(
                                        name.value(),
                                        Base64.getEncoder()
                                                .encodeToString(
                                                        value.getBytes(StandardCharsets.UTF_8))));
        // spotless:off
        return new SecretBuilder()
                .withNewMetadata()
                    .withName(ServiceNames.envSecretName(spec.service()))
                    .withNamespace(spec.namespace())
                    .withLabels(labels.toMap())
                .endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
        // spotless:on
    }

    public Deployment deployment() {
        int port = spec.port().value();
        Map<String, Quantity> requests =
                Map.of(
                        "cpu", new Quantity(spec.resources().cpuRequestQuantity()),
                        "memory", new Quantity(spec.resources().memoryRequestQuantity()));
        Map<String, Quantity> limits =
                Map.of(
                        "cpu", new Quantity(spec.resources().cpuLimitQuantity()),
                        "memory", new Quantity(spec.resources().memoryQuantity()));
        // spotless:off
        return new DeploymentBuilder()
                .withNewMetadata()
                    .withName(ServiceNames.deploymentName(spec.service()))
                    .withNamespace(spec.namespace())
                    .withLabels(labels.toMap())
                    .addToAnnotations(DEPLOYMENT_ID_ANNOTATION, spec.deployment().value())
                    .addToAnnotations(COMMIT_ANNOTATION, spec.image().commit().value())
                .endMetadata()
                .withNewSpec()
                    .withReplicas(1)
                    .withRevisionHistoryLimit(3)
                    .withProgressDeadlineSeconds(PROGRESS_DEADLINE_SECONDS)
                    .withNewSelector()
                        .withMatchLabels(Labels.serviceSelector(spec.service()))
                    .endSelector()
                    .withNewStrategy()
                        .withType("RollingUpdate")
                        .withNewRollingUpdate()
                            .withMaxSurge(new IntOrString(1))
                            .withMaxUnavailable(new IntOrString(0))
                        .endRollingUpdate()
                    .endStrategy()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(labels.toMap())
                            .addToAnnotations(DEPLOYMENT_ID_ANNOTATION, spec.deployment().value())
                        .endMetadata()
                        .withNewSpec()
                            .withRuntimeClassName(RUNTIME_CLASS)
                            .withAutomountServiceAccountToken(false)
                            .withEnableServiceLinks(false)
                            .withTerminationGracePeriodSeconds(30L)
                            .withImagePullSecrets(imagePullSecrets())
                            .addNewContainer()
                                .withName(ServiceNames.CONTAINER)
                                .withImage(spec.image().reference())
                                .withImagePullPolicy("IfNotPresent")
                                .addNewPort()
                                    .withName(ServiceNames.PORT_NAME)
                                    .withContainerPort(port)
                                    .withProtocol("TCP")
                                .endPort()
                                .addNewEnv()
                                    .withName(PORT_ENV)
                                    .withValue(String.valueOf(port))
                                .endEnv()
                                .addNewEnvFrom()
                                    .withNewSecretRef()
                                        .withName(ServiceNames.envSecretName(spec.service()))
                                    .endSecretRef()
                                .endEnvFrom()
                                .withNewResources()
                                    .withRequests(requests)
                                    .withLimits(limits)
                                .endResources()
                                .withNewReadinessProbe()
                                    .withNewTcpSocket()
                                        .withPort(new IntOrString(port))
                                    .endTcpSocket()
                                    .withPeriodSeconds(5)
                                    .withTimeoutSeconds(2)
                                    .withFailureThreshold(3)
                                .endReadinessProbe()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
        // spotless:on
    }

    /**
     * Only a pull Secret that exists is named: the kubelet warns on every pod start about one it
     * cannot find, which would send an operator after a credential the registry never needed.
     */
    private List<LocalObjectReference> imagePullSecrets() {
        return switch (spec.imagePull()) {
            case ANONYMOUS -> List.of();
            case PULL_SECRET -> List.of(new LocalObjectReference(ProjectNames.PULL_SECRET));
        };
    }

    public Service service() {
        int port = spec.port().value();
        // spotless:off
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(ServiceNames.serviceName(spec.service()))
                    .withNamespace(spec.namespace())
                    .withLabels(labels.toMap())
                .endMetadata()
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(Labels.serviceSelector(spec.service()))
                    .addNewPort()
                        .withName(ServiceNames.PORT_NAME)
                        .withPort(port)
                        .withTargetPort(new IntOrString(port))
                        .withProtocol("TCP")
                    .endPort()
                .endSpec()
                .build();
        // spotless:on
    }

    /** The platform hostname, served with the wildcard certificate of the apps domain. */
    public Ingress ingress() {
        // spotless:off
        return new IngressBuilder()
                .withNewMetadata()
                    .withName(ServiceNames.ingressName(spec.service()))
                    .withNamespace(spec.namespace())
                    .withLabels(labels.toMap())
                    .withAnnotations(TraefikIngress.ANNOTATIONS)
                .endMetadata()
                .withNewSpec()
                    .withIngressClassName(TraefikIngress.INGRESS_CLASS)
                    .withRules(
                            TraefikIngress.rule(
                                    spec.hostname(),
                                    ServiceNames.serviceName(spec.service()),
                                    spec.port().value()))
                .endSpec()
                .build();
        // spotless:on
    }

    /** Everything, in apply order: the Secret before the Deployment that reads it. */
    public List<HasMetadata> all() {
        return List.of(secret(), deployment(), service(), ingress());
    }
}
