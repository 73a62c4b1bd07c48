package ink.ml.deploy.domain;

/** Kubernetes namespace names: one namespace per customer project, {@code dp-{user}-{project}}. */
public final class Namespaces {
    /** Where the platform's own in-cluster services and Traefik run. */
    public static final String SYSTEM = "dp-system";

    private static final String CUSTOMER_PREFIX = "dp-";

    private Namespaces() {}

    public static String forProject(UserId user, ProjectName project) {
        return CUSTOMER_PREFIX + user.value() + "-" + project.value();
    }
}
