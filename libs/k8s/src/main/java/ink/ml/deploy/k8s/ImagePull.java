package ink.ml.deploy.k8s;

/** How the kubelet authenticates to the registry when it pulls a service's image. */
public enum ImagePull {
    /** The registry serves anyone who reaches it: the pods name no pull Secret. */
    ANONYMOUS,

    /**
     * With the namespace's {@link ProjectNames#PULL_SECRET}, which {@link RegistryPullSecret}
     * builds.
     */
    PULL_SECRET
}
