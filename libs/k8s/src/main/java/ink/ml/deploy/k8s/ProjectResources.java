package ink.ml.deploy.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.List;
import java.util.Map;

/**
 * The resources one customer project owns regardless of its services: its namespace and the two
 * network policies that isolate it. Pure: same spec, same resources.
 */
public final class ProjectResources {
    private final ProjectSpec spec;
    private final Labels labels;

    private ProjectResources(ProjectSpec spec) {
        this.spec = spec;
        this.labels = Labels.forProject(spec.user(), spec.project());
    }

    public static ProjectResources from(ProjectSpec spec) {
        return new ProjectResources(spec);
    }

    public Namespace namespace() {
        // spotless:off
        return new NamespaceBuilder()
                .withNewMetadata()
                    .withName(spec.namespace())
                    .withLabels(labels.toMap())
                .endMetadata()
                .build();
        // spotless:on
    }

    /** Ingress only from the project's own pods and from Traefik pods in dp-system. */
    public NetworkPolicy ingressPolicy() {
        // spotless:off
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                    .withName(NetworkIsolation.INGRESS_POLICY_NAME)
                    .withNamespace(spec.namespace())
                    .withLabels(labels.toMap())
                .endMetadata()
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .withPolicyTypes("Ingress")
                    .addNewIngress()
                        .addNewFrom()
                            .withNewPodSelector()
                            .endPodSelector()
                        .endFrom()
                    .endIngress()
                    .addNewIngress()
                        .addNewFrom()
                            .withNewNamespaceSelector()
                                .withMatchLabels(namespaceNamed(NetworkIsolation.TRAEFIK_NAMESPACE))
                            .endNamespaceSelector()
                            .withNewPodSelector()
                                .withMatchLabels(NetworkIsolation.TRAEFIK_POD_LABELS)
                            .endPodSelector()
                        .endFrom()
                    .endIngress()
                .endSpec()
                .build();
        // spotless:on
    }

    /** Egress only to the project's own pods, cluster DNS and public addresses. */
    public NetworkPolicy egressPolicy() {
        // spotless:off
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                    .withName(NetworkIsolation.EGRESS_POLICY_NAME)
                    .withNamespace(spec.namespace())
                    .withLabels(labels.toMap())
                .endMetadata()
                .withNewSpec()
                    .withNewPodSelector()
                    .endPodSelector()
                    .withPolicyTypes("Egress")
                    .addNewEgress()
                        .addNewTo()
                            .withNewPodSelector()
                            .endPodSelector()
                        .endTo()
                    .endEgress()
                    .addNewEgress()
                        .addNewTo()
                            .withNewNamespaceSelector()
                                .withMatchLabels(namespaceNamed(NetworkIsolation.DNS_NAMESPACE))
                            .endNamespaceSelector()
                            .withNewPodSelector()
                                .withMatchLabels(NetworkIsolation.DNS_POD_LABELS)
                            .endPodSelector()
                        .endTo()
                        .withPorts(
                                new NetworkPolicyPortBuilder()
                                        .withProtocol("UDP")
                                        .withPort(new IntOrString(NetworkIsolation.DNS_PORT))
                                        .build(),
                                new NetworkPolicyPortBuilder()
                                        .withProtocol("TCP")
                                        .withPort(new IntOrString(NetworkIsolation.DNS_PORT))
                                        .build())
                    .endEgress()
                    .addNewEgress()
                        .addNewTo()
                            .withNewIpBlock()
                                .withCidr(NetworkIsolation.PUBLIC_INTERNET)
                                .withExcept(NetworkIsolation.BLOCKED_DESTINATIONS)
                            .endIpBlock()
                        .endTo()
                    .endEgress()
                .endSpec()
                .build();
        // spotless:on
    }

    public List<NetworkPolicy> networkPolicies() {
        return List.of(ingressPolicy(), egressPolicy());
    }

    /** Everything, in the order it must be applied: the namespace first. */
    public List<HasMetadata> all() {
        return List.of(namespace(), ingressPolicy(), egressPolicy());
    }

    private static Map<String, String> namespaceNamed(String name) {
        return Map.of(NetworkIsolation.NAMESPACE_NAME_LABEL, name);
    }
}
