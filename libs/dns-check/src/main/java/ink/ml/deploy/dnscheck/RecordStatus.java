package ink.ml.deploy.dnscheck;

/** What the DNS says about one required record. */
public enum RecordStatus {
    /** The record is there with the expected value. */
    OK,
    /** The record (or its name) does not exist. */
    MISSING,
    /** The record exists with another value than the expected one. */
    WRONG,
    /** The DNS could not be read: a server failed (SERVFAIL), refused or did not answer in time. */
    ERROR
}
