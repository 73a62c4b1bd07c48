package ink.ml.deploy.deployer.worker.source;

/** Why a clone was stopped before it finished. */
enum CloneStop {
    CANCELLED,
    TIMED_OUT,
    TOO_LARGE
}
