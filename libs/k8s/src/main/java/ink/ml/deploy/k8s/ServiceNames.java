package ink.ml.deploy.k8s;

import ink.ml.deploy.domain.ServiceRef;

/**
 * Names of one service's Kubernetes resources. Builders, the deployer's activities and tests call
 * these; nobody concatenates a resource name elsewhere.
 */
public final class ServiceNames {
    /** The single container of a customer pod. */
    public static final String CONTAINER = "app";

    /** The named container port and Service port. */
    public static final String PORT_NAME = "http";

    private static final String ENV_SECRET_SUFFIX = "-env";

    private ServiceNames() {}

    public static String deploymentName(ServiceRef service) {
        return service.service().value();
    }

    /** Also the in-namespace DNS name neighbours use, so it is the plain service name. */
    public static String serviceName(ServiceRef service) {
        return service.service().value();
    }

    public static String ingressName(ServiceRef service) {
        return service.service().value();
    }

    /** At most 24 + 4 characters; cannot clash with a custom domain's secret, which has dots. */
    public static String envSecretName(ServiceRef service) {
        return service.service().value() + ENV_SECRET_SUFFIX;
    }
}
