package ink.ml.deploy.workflow.domain;

/** What a DNS check of a custom domain's two records concluded. */
public enum RecordsOutcome {
    /** Both records are in place. */
    VERIFIED,
    /** A record is missing or has another value. */
    NOT_FOUND,
    /**
     * The DNS could not be read (SERVFAIL, timeout): says nothing about the records, so an active
     * domain is neither flagged nor cleared for it.
     */
    UNREADABLE,
    /** The domain was removed, or its service deleted: nothing to check any more. */
    DOMAIN_GONE
}
