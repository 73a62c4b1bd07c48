package ink.ml.deploy.graphql.api.domains;

import ink.ml.deploy.platform.domains.RecordStatus;
import org.eclipse.microprofile.graphql.Description;

/** The schema's copy of libs/platform's {@code RecordStatus} (same constants). */
@Description("Where one DNS record stands after the last check.")
public enum DnsRecordStatus {
    @Description("Not checked yet.")
    PENDING,
    @Description("Found with the expected value.")
    OK,
    @Description("Nothing found under the record's name.")
    MISSING,
    @Description("Found, with another value than expected: see found.")
    WRONG,
    @Description("The check itself failed (no answer, SERVFAIL): see lastCheckError.")
    ERROR;

    static DnsRecordStatus of(RecordStatus status) {
        return valueOf(status.name());
    }
}
