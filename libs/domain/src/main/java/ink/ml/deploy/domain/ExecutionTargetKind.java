package ink.ml.deploy.domain;

import java.util.Locale;

/** What a cluster runs customer workloads on; each cluster's deployer-worker drives one. */
public enum ExecutionTargetKind {
    /** Production: k3s, written through the Kubernetes API. */
    KUBERNETES,
    /** One machine: a Docker engine under gVisor, behind the local edge. */
    DOCKER;

    /**
     * As it is written in configuration and bean identifiers: {@code kubernetes}, {@code docker}.
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
