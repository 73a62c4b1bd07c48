package ink.ml.deploy.workflow.runtime;

/** What a runtime report did to its deployment. */
public enum RuntimeStatusChange {
    /** The deployment moved (active to crashed, or back) and its event was appended. */
    MOVED,
    /** It was already in the reported state: nothing written. */
    ALREADY,
    /** It is not live (deploying, superseded, removed): nothing written. */
    NOT_LIVE,
    /** It does not exist (its service was deleted with it): nothing written. */
    NOT_FOUND
}
