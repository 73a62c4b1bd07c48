package ink.ml.deploy.platform.domains;

import ink.ml.deploy.domain.DomainVerificationRecords;
import java.time.Instant;
import java.util.Optional;

/**
 * What the APIs show of a custom domain: the name, the two DNS records the user must create, for
 * each what the last check found and its status, and how far the certificate has come.
 */
public record CustomDomainView(
        String id,
        String serviceId,
        String domain,
        String unicodeDomain,
        DnsRecords records,
        RecordView txt,
        RecordView cname,
        Optional<Instant> txtVerifiedAt,
        Optional<Instant> cnameVerifiedAt,
        Optional<Instant> lastCheckedAt,
        Optional<String> lastCheckError,
        Optional<Instant> verificationRequestedAt,
        CertStatus certStatus,
        Optional<String> certError,
        Optional<RecordsMissing> recordsMissing,
        Instant createdAt) {

    /**
     * An active domain whose records a scheduled check no longer finds: since when, and when it is
     * detached from its service's cluster if they stay away.
     */
    public record RecordsMissing(Instant since, Instant detachAfter) {
        /** In plain words, for the APIs. */
        public String message() {
            return "records not found since "
                    + since
                    + "; the domain is detached after "
                    + detachAfter
                    + " unless they are back by then";
        }
    }

    /** The records to create at the user's DNS provider. */
    public record DnsRecords(
            String txtName, String txtValue, String cnameName, String cnameTarget) {
        static DnsRecords of(DomainVerificationRecords records) {
            return new DnsRecords(
                    records.txtName(),
                    records.txtValue(),
                    records.cnameName(),
                    records.cnameTarget());
        }
    }

    /**
     * One record: its type ({@code TXT} or {@code CNAME}), its name, the value expected, the value
     * the last check found (empty until a check ran, or when nothing was there) and its status.
     */
    public record RecordView(
            String type,
            String name,
            String expected,
            Optional<String> found,
            RecordStatus status) {}

    static CustomDomainView of(CustomDomainRecord row, DomainVerificationRecords records) {
        return new CustomDomainView(
                row.id.toString(),
                row.serviceId.toString(),
                row.domain,
                records.domain().unicode(),
                DnsRecords.of(records),
                new RecordView(
                        "TXT",
                        records.txtName(),
                        records.txtValue(),
                        Optional.ofNullable(row.txtFound),
                        RecordStatus.ofStored(row.txtCheck)),
                new RecordView(
                        "CNAME",
                        records.cnameName(),
                        records.cnameTarget(),
                        Optional.ofNullable(row.cnameFound),
                        RecordStatus.ofStored(row.cnameCheck)),
                Optional.ofNullable(row.txtVerifiedAt),
                Optional.ofNullable(row.cnameVerifiedAt),
                Optional.ofNullable(row.lastCheckedAt),
                Optional.ofNullable(row.lastCheckError),
                Optional.ofNullable(row.verificationRequestedAt),
                row.certStatus,
                Optional.ofNullable(row.certError),
                row.recordsMissingSince == null
                        ? Optional.empty()
                        : Optional.of(new RecordsMissing(row.recordsMissingSince, row.detachAfter)),
                row.createdAt);
    }

    public boolean verified() {
        return txtVerifiedAt.isPresent() && cnameVerifiedAt.isPresent();
    }
}
