package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ink.ml.deploy.domain.Namespaces;
import ink.ml.deploy.k8s.CustomDomainResources;
import ink.ml.deploy.k8s.NetworkIsolation;
import ink.ml.deploy.k8s.ServiceWorkload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The seed's numbers and names, as system/ carries them, and the names other parts of the platform
 * rely on: the RuntimeClass the builders name, the ClusterIssuer the custom domains use, the ports
 * the services listen on, the pool labels the inventory gives the nodes.
 */
@SuppressWarnings("unchecked")
class SeedNumbersInSystemManifestsTest {
    private static final String POOL_LABEL = "dp.ml.ink/pool";
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(KEY|SECRET|TOKEN|PASSWORD|CREDENTIAL).*");

    // --- gVisor -------------------------------------------------------------------------------

    @Test
    void gvisorRuntimeClassHasTheSeedsHandlerAndOverhead() {
        RuntimeClass gvisor =
                SystemManifests.named(RuntimeClass.class, ServiceWorkload.RUNTIME_CLASS);

        assertThat(gvisor.getHandler()).isEqualTo("runsc");
        Map<String, Quantity> overhead = gvisor.getOverhead().getPodFixed();
        assertThat(overhead).containsOnlyKeys("memory", "cpu");
        assertThat(overhead.get("memory").getNumericalAmount())
                .isEqualByComparingTo(new Quantity("64Mi").getNumericalAmount());
        assertThat(overhead.get("memory").getNumericalAmount().longValueExact())
                .isEqualTo(64L * 1024 * 1024);
        assertThat(overhead.get("cpu").getNumericalAmount())
                .isEqualByComparingTo(new Quantity("0.05").getNumericalAmount());
    }

    @Test
    void gvisorRuntimeClassPinsCustomerPodsToTheRunPool() {
        RuntimeClass gvisor =
                SystemManifests.named(RuntimeClass.class, ServiceWorkload.RUNTIME_CLASS);

        assertThat(gvisor.getScheduling().getNodeSelector())
                .containsExactly(Map.entry(POOL_LABEL, "run-pool"));
        assertThat(gvisor.getScheduling().getTolerations())
                .singleElement()
                .satisfies(
                        t -> assertThat(taint(t)).isEqualTo(POOL_LABEL + "=run-pool:NoSchedule"));
    }

    @Test
    void poolLabelsAndTaintsAreTheInventorys() throws IOException {
        Path groupVars = DeployTree.root().resolve("eu-central-1/inventory/group_vars");
        assumeThat(groupVars.resolve("run_pool.yml"))
                .as("the inventory (deploy/eu-central-1/inventory) is written alongside")
                .exists();

        Map<String, Object> run = yaml(groupVars.resolve("run_pool.yml"));
        Map<String, Object> build = yaml(groupVars.resolve("build_pool.yml"));
        Map<String, Object> ops = yaml(groupVars.resolve("ops.yml"));
        RuntimeClass gvisor =
                SystemManifests.named(RuntimeClass.class, ServiceWorkload.RUNTIME_CLASS);
        PodSpec buildkitd = podSpec(SystemManifests.named(Deployment.class, "buildkitd"));

        assertThat(run.get("node_pool"))
                .isEqualTo(gvisor.getScheduling().getNodeSelector().get(POOL_LABEL));
        assertThat((List<Object>) run.get("k3s_node_taints"))
                .containsExactly(taint(gvisor.getScheduling().getTolerations().get(0)));
        assertThat(build.get("node_pool")).isEqualTo(buildkitd.getNodeSelector().get(POOL_LABEL));
        assertThat((List<Object>) build.get("k3s_node_taints"))
                .containsExactly(taint(buildkitd.getTolerations().get(0)));
        for (PodSpec spec : platformPods().values()) {
            String pool = spec.getNodeSelector().get(POOL_LABEL);
            if (!"build-pool".equals(pool)) {
                assertThat(pool).isEqualTo(ops.get("node_pool"));
            }
        }
    }

    @Test
    void registryAddressIsTheOneTheNodesAreGiven() throws IOException {
        Path all = DeployTree.root().resolve("eu-central-1/inventory/group_vars/all/main.yml");
        assumeThat(all)
                .as("the inventory (deploy/eu-central-1/inventory) is written alongside")
                .exists();

        Map<String, Object> vars = yaml(all);
        Service registry = SystemManifests.named(Service.class, "registry");

        assertThat(vars.get("registry_client_address"))
                .isEqualTo(registry.getSpec().getClusterIP());
        assertThat(vars.get("registry_client_host")).isEqualTo("registry.internal");
        assertThat(vars.get("registry_client_port"))
                .isEqualTo(registry.getSpec().getPorts().get(0).getPort());
    }

    // --- cert-manager and Traefik -------------------------------------------------------------

    @Test
    void letsencryptProdSolvesHttp01ThroughTraefik() {
        GenericKubernetesResource issuer = clusterIssuer(CustomDomainResources.CLUSTER_ISSUER);
        String ingressClass =
                SampleProject.everythingApplied().stream()
                        .filter(Ingress.class::isInstance)
                        .map(r -> ((Ingress) r).getSpec().getIngressClassName())
                        .findFirst()
                        .orElseThrow();

        assertThat((String) issuer.get("spec", "acme", "server"))
                .isEqualTo("https://acme-v02.api.letsencrypt.org/directory");
        List<?> solvers = issuer.get("spec", "acme", "solvers");
        assertThat(solvers).hasSize(1);
        assertThat(
                        (String)
                                issuer.get(
                                        "spec",
                                        "acme",
                                        "solvers",
                                        0,
                                        "http01",
                                        "ingress",
                                        "ingressClassName"))
                .isEqualTo(ingressClass);
        assertThat(
                        (Map<String, Object>)
                                issuer.get(
                                        "spec",
                                        "acme",
                                        "solvers",
                                        0,
                                        "http01",
                                        "ingress",
                                        "podTemplate",
                                        "spec",
                                        "nodeSelector"))
                .containsEntry(POOL_LABEL, "run-pool");
    }

    @Test
    void wildcardForTheAppsDomainComesFromCloudflareDns01IntoTraefiksDefaultStore() {
        GenericKubernetesResource certificate = custom("Certificate", "wildcard-ml-ink");
        GenericKubernetesResource store = custom("TLSStore", "default");
        GenericKubernetesResource issuer =
                clusterIssuer((String) certificate.get("spec", "issuerRef", "name"));

        assertThat((List<Object>) certificate.get("spec", "dnsNames")).contains("*.ml.ink");
        assertThat((String) certificate.get("spec", "issuerRef", "kind"))
                .isEqualTo("ClusterIssuer");
        assertThat(
                        (Map<String, Object>)
                                issuer.get("spec", "acme", "solvers", 0, "dns01", "cloudflare"))
                .containsKey("apiTokenSecretRef");
        assertThat((List<Object>) issuer.get("spec", "acme", "solvers", 0, "selector", "dnsZones"))
                .containsExactly("ml.ink");
        assertThat((String) store.get("spec", "defaultCertificate", "secretName"))
                .isEqualTo(certificate.get("spec", "secretName"));
        assertThat(store.getMetadata().getNamespace())
                .isEqualTo(certificate.getMetadata().getNamespace())
                .isEqualTo(NetworkIsolation.TRAEFIK_NAMESPACE);
    }

    @Test
    void traefikPolicySelectsThePodsTheCustomerPoliciesAdmit() {
        NetworkPolicy traefik = SystemManifests.named(NetworkPolicy.class, "traefik");

        assertThat(traefik.getMetadata().getNamespace())
                .isEqualTo(NetworkIsolation.TRAEFIK_NAMESPACE);
        assertThat(traefik.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(NetworkIsolation.TRAEFIK_POD_LABELS);
    }

    // --- workloads ----------------------------------------------------------------------------

    @Test
    void gitServerKeepsItsRepositoriesOnAClaimAtMntGitRepos() {
        StatefulSet gitServer = SystemManifests.named(StatefulSet.class, "git-server");
        Container container = gitServer.getSpec().getTemplate().getSpec().getContainers().get(0);

        String claim = gitServer.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        assertThat(container.getVolumeMounts())
                .filteredOn(m -> m.getMountPath().equals("/mnt/git-repos"))
                .singleElement()
                .extracting(VolumeMount::getName)
                .isEqualTo(claim);
        assertThat(env(container)).containsEntry("MCPDEPLOY_GIT_SERVER_ROOT", "/mnt/git-repos");
        assertThat(gitServer.getSpec().getReplicas()).isOne();
    }

    @Test
    void buildkitdRunsOnTheBuildPoolWhereDpBuildsPoliciesExpectIt() {
        Deployment buildkitd = SystemManifests.named(Deployment.class, "buildkitd");
        PodSpec spec = podSpec(buildkitd);
        Service service = SystemManifests.named(Service.class, "buildkitd");

        assertThat(buildkitd.getMetadata().getNamespace()).isEqualTo("dp-build");
        assertThat(spec.getNodeSelector()).containsEntry(POOL_LABEL, "build-pool");
        assertThat(spec.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(buildkitd.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "buildkitd");
        assertThat(spec.getContainers().get(0).getPorts())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.getContainerPort()).isEqualTo(1234);
                            assertThat(p.getHostPort()).isNull();
                        });
        assertThat(spec.getContainers().get(0).getArgs()).doesNotContain("--debugaddr");
        assertThat(service.getMetadata().getNamespace()).isEqualTo("dp-build");
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(1234);
    }

    @Test
    void registryKeepsImagesOnItsClaimAndTheCollectorWorksOnTheSameOne() {
        Deployment registry = SystemManifests.named(Deployment.class, "registry");
        CronJob gc = SystemManifests.named(CronJob.class, "registry-gc");
        PodSpec gcPod = gc.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();

        assertThat(claimOf(podSpec(registry), "data")).isEqualTo("registry-data");
        assertThat(claimOf(gcPod, "data")).isEqualTo("registry-data");
        assertThat(podSpec(registry).getNodeSelector()).isEqualTo(gcPod.getNodeSelector());
        assertThat(registry.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(gc.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(String.join("\n", gcPod.getInitContainers().get(1).getCommand()))
                .contains("registry garbage-collect");
        assertThat(podSpec(registry).getContainers())
                .flatExtracting(Container::getPorts)
                .extracting(ContainerPort::getContainerPort)
                .containsExactly(5000);
        assertThat(registry.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "registry");
    }

    @Test
    void registryIsRegistryInternal5000WithTheDeployersTokenAuth() throws IOException {
        Service service = SystemManifests.named(Service.class, "registry");
        ConfigMap config = SystemManifests.named(ConfigMap.class, "registry");
        Map<String, Object> registryConfig =
                new ObjectMapper(new YAMLFactory())
                        .readValue(config.getData().get("config.yml"), Map.class);

        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(5000);
        @SuppressWarnings("unchecked")
        Map<String, Object> token =
                (Map<String, Object>)
                        ((Map<String, Object>) registryConfig.get("auth")).get("token");
        // The deployer-worker's RegistryAuthConfig defaults: issuer mcpdeploy, service
        // mcpdeploy-registry.
        assertThat(token)
                .containsEntry("realm", "http://registry.internal:5000/registry/token")
                .containsEntry("issuer", "mcpdeploy")
                .containsEntry("service", "mcpdeploy-registry");
        assertThat(config.getData().get("nginx.conf"))
                .contains("location = /registry/token")
                .contains("proxy_pass http://deployer-worker.dp-system.svc.cluster.local:8085;");
    }

    @Test
    void portsAreTheOnesTheServicesListenOn() throws IOException {
        assertThat(ports(podSpec(SystemManifests.named(Deployment.class, "deployer-server"))))
                .containsExactlyInAnyOrderElementsOf(configuredPorts("deployer-server"));
        assertThat(ports(podSpec(SystemManifests.named(Deployment.class, "deployer-worker"))))
                .containsExactlyInAnyOrderElementsOf(configuredPorts("deployer-worker"));
        assertThat(
                        ports(
                                SystemManifests.named(StatefulSet.class, "git-server")
                                        .getSpec()
                                        .getTemplate()
                                        .getSpec()))
                .containsExactlyInAnyOrderElementsOf(configuredPorts("git-server"));
    }

    @Test
    void platformServicesLiveInDpSystem() {
        for (String name : List.of("deployer-server", "deployer-worker", "registry")) {
            assertThat(SystemManifests.named(Deployment.class, name).getMetadata().getNamespace())
                    .isEqualTo(Namespaces.SYSTEM);
        }
        assertThat(
                        SystemManifests.named(StatefulSet.class, "git-server")
                                .getMetadata()
                                .getNamespace())
                .isEqualTo(Namespaces.SYSTEM);
    }

    // --- images and secrets -------------------------------------------------------------------

    @Test
    void everyImageIsPinnedToAVersion() {
        List<String> images = new ArrayList<>();
        platformPods()
                .values()
                .forEach(
                        spec -> {
                            spec.getInitContainers().forEach(c -> images.add(c.getImage()));
                            spec.getContainers().forEach(c -> images.add(c.getImage()));
                        });

        assertThat(images).isNotEmpty();
        assertThat(images)
                .allSatisfy(
                        image -> {
                            assertThat(image).as(image).doesNotEndWith(":latest");
                            assertThat(
                                            image.contains("@sha256:")
                                                    || image.substring(image.lastIndexOf('/'))
                                                            .contains(":"))
                                    .as("%s names a tag or digest", image)
                                    .isTrue();
                        });
    }

    @Test
    void secretsAreOnlyReferenced() {
        assertThat(SystemManifests.ofKind(Secret.class))
                .as("Secrets are created by the operator")
                .isEmpty();
        platformPods()
                .forEach(
                        (name, spec) ->
                                spec.getContainers().stream()
                                        .flatMap(c -> c.getEnv().stream())
                                        .filter(e -> SECRET_NAME.matcher(e.getName()).matches())
                                        .forEach(
                                                e ->
                                                        assertThat(e.getValueFrom())
                                                                .as(
                                                                        "%s: %s comes from a Secret",
                                                                        name, e.getName())
                                                                .isNotNull()
                                                                .satisfies(
                                                                        v ->
                                                                                assertThat(
                                                                                                v
                                                                                                        .getSecretKeyRef())
                                                                                        .isNotNull())));
        for (HasMetadata resource : SystemManifests.all()) {
            assertThat(StrictModel.serialization().asJson(resource))
                    .as("%s %s", resource.getKind(), resource.getMetadata().getName())
                    .doesNotContain("PRIVATE KEY")
                    .doesNotContain("BEGIN CERTIFICATE");
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    /** Every pod template in system/, by workload name. */
    private static Map<String, PodSpec> platformPods() {
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        SystemManifests.ofKind(Deployment.class)
                .forEach(d -> pods.put(d.getMetadata().getName(), podSpec(d)));
        SystemManifests.ofKind(StatefulSet.class)
                .forEach(
                        s ->
                                pods.put(
                                        s.getMetadata().getName(),
                                        s.getSpec().getTemplate().getSpec()));
        SystemManifests.ofKind(CronJob.class)
                .forEach(
                        c ->
                                pods.put(
                                        c.getMetadata().getName(),
                                        c.getSpec()
                                                .getJobTemplate()
                                                .getSpec()
                                                .getTemplate()
                                                .getSpec()));
        return pods;
    }

    private static PodSpec podSpec(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    private static String claimOf(PodSpec spec, String volume) {
        return spec.getVolumes().stream()
                .filter(v -> v.getName().equals(volume))
                .findFirst()
                .orElseThrow()
                .getPersistentVolumeClaim()
                .getClaimName();
    }

    private static List<Integer> ports(PodSpec spec) {
        return spec.getContainers().get(0).getPorts().stream()
                .map(ContainerPort::getContainerPort)
                .toList();
    }

    /** quarkus.http.port and, where enabled, quarkus.management.port of the service. */
    private static List<Integer> configuredPorts(String service) throws IOException {
        Path file =
                DeployTree.root()
                        .resolveSibling("services")
                        .resolve(service)
                        .resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        List<Integer> ports = new ArrayList<>();
        ports.add(Integer.parseInt(properties.getProperty("quarkus.http.port")));
        if ("true".equals(properties.getProperty("quarkus.management.enabled"))) {
            ports.add(Integer.parseInt(properties.getProperty("quarkus.management.port")));
        }
        return ports;
    }

    private static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            }
        }
        return env;
    }

    private static String taint(Toleration toleration) {
        return toleration.getKey() + "=" + toleration.getValue() + ":" + toleration.getEffect();
    }

    private static GenericKubernetesResource clusterIssuer(String name) {
        return custom("ClusterIssuer", name);
    }

    private static GenericKubernetesResource custom(String kind, String name) {
        return SystemManifests.ofKind(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals(kind) && r.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("system/ holds no " + kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class);
    }
}
