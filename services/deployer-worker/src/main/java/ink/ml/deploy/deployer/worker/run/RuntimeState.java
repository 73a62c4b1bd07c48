package ink.ml.deploy.deployer.worker.run;

/** What the execution target sees of a live deployment after its rollout. */
public enum RuntimeState {
    /** Running and not restarting: the deployment is (again) ACTIVE. */
    RUNNING,
    /** Exiting and being restarted (a crash loop, OOM): the deployment is CRASHED. */
    CRASHED
}
