package ink.ml.deploy.k8s;

/**
 * Names of a project's namespace-wide resources that are not network policies (those are in {@link
 * NetworkIsolation}). Builders, the deployer's activities and tests call these.
 */
public final class ProjectNames {
    /**
     * The namespace's image pull Secret. Cannot clash with a service's Secrets: env Secrets end in
     * {@code -env} and a custom domain's TLS Secret has dots.
     */
    public static final String PULL_SECRET = "registry-pull";

    /** The {@link Labels#COMPONENT} of the pull Secret, so operators can list them all. */
    public static final String PULL_SECRET_COMPONENT = "registry-pull";

    private ProjectNames() {}
}
