package ink.ml.deploy.local;

/** Where the local platform runs deployed apps. */
public enum AppsTarget {
    /**
     * The default where Debian's docker.io is installed: a private Docker engine runs each app as a
     * container (under gVisor when {@code runsc} is installed), behind the local edge on {@code
     * *.localhost}.
     */
    DOCKER,
    /** {@code KUBECONFIG}'s cluster. */
    KUBECONFIG,
    /**
     * The fabric8 mock API server: stores what would be applied and runs no pods. For tests of the
     * Kubernetes resources, and machines without a Docker engine.
     */
    IN_MEMORY_KUBERNETES
}
