package ink.ml.deploy.platform.deployments;

/** What a report of a live deployment's runtime state did to it. */
public enum RuntimeStateChange {
    /**
     * The deployment moved (active to crashed, or crashed to active) and the event was appended.
     */
    MOVED,
    /** It was already in the reported state: a repeated or reaffirmed report; nothing written. */
    ALREADY,
    /**
     * It no longer serves (superseded, removed) or does not serve yet (deploying): the report is
     * about pods the deployment does not own any more, or not yet; nothing written.
     */
    NOT_LIVE
}
