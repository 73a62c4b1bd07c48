package ink.ml.deploy.k8s;

import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import java.util.Map;

/**
 * How our Ingresses talk to Traefik: the class, the HTTPS entrypoint, and a host → service rule.
 */
final class TraefikIngress {
    static final String INGRESS_CLASS = "traefik";

    /** HTTPS only: Traefik redirects plain HTTP on the web entrypoint for TLS routers. */
    static final Map<String, String> ANNOTATIONS =
            Map.of(
                    "traefik.ingress.kubernetes.io/router.entrypoints", "websecure",
                    "traefik.ingress.kubernetes.io/router.tls", "true");

    private TraefikIngress() {}

    /** Every path of {@code host} goes to {@code serviceName:port}. */
    static IngressRule rule(String host, String serviceName, int port) {
        // spotless:off
        return new IngressRuleBuilder()
                .withHost(host)
                .withNewHttp()
                    .addNewPath()
                        .withPath("/")
                        .withPathType("Prefix")
                        .withNewBackend()
                            .withNewService()
                                .withName(serviceName)
                                .withNewPort()
                                    .withNumber(port)
                                .endPort()
                            .endService()
                        .endBackend()
                    .endPath()
                .endHttp()
                .build();
        // spotless:on
    }
}
