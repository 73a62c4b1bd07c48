package ink.ml.deploy.platform.domains;

/** Where one of a custom domain's two DNS records stands after the last check. */
public enum RecordStatus {
    /** Not checked yet. */
    PENDING("pending"),
    /** Found with the expected value. */
    OK("ok"),
    /** Nothing found under the record's name (NXDOMAIN or no record of that type). */
    MISSING("missing"),
    /** Found, with another value than expected. */
    WRONG("wrong"),
    /** The check itself failed (SERVFAIL, timeout); the last check error says why. */
    ERROR("error");

    private final String value;

    RecordStatus(String value) {
        this.value = value;
    }

    /** The value stored in {@code custom_domains.txt_check} / {@code cname_check}. */
    String value() {
        return value;
    }

    /** The stored outcome of the last check; {@link #PENDING} when none ran. */
    static RecordStatus ofStored(String value) {
        if (value == null) {
            return PENDING;
        }
        for (RecordStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown record status " + value);
    }
}
