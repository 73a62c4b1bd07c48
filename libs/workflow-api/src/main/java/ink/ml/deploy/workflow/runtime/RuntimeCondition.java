package ink.ml.deploy.workflow.runtime;

/** What an execution target sees a live deployment's workload doing. */
public enum RuntimeCondition {
    /** Ready and not restarting: the deployment is active (again). */
    RUNNING,
    /** Exiting and being restarted (a crash loop, an OOM kill): the deployment is crashed. */
    CRASHED
}
