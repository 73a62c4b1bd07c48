package ink.ml.deploy.platform.domains;

import ink.ml.deploy.domain.DomainVerificationRecords;
import java.time.Instant;
import java.util.Optional;

/**
 * What the APIs show of a custom domain: the name, the two DNS records the user must create, and
 * how far verification and the certificate have come.
 */
public record CustomDomainView(
        String id,
        String serviceId,
        String domain,
        String unicodeDomain,
        DnsRecords records,
        Optional<Instant> txtVerifiedAt,
        Optional<Instant> cnameVerifiedAt,
        Optional<Instant> lastCheckedAt,
        Optional<String> lastCheckError,
        CertStatus certStatus,
        Optional<String> certError,
        Instant createdAt) {

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

    static CustomDomainView of(CustomDomainRecord row, DomainVerificationRecords records) {
        return new CustomDomainView(
                row.id.toString(),
                row.serviceId.toString(),
                row.domain,
                records.domain().unicode(),
                DnsRecords.of(records),
                Optional.ofNullable(row.txtVerifiedAt),
                Optional.ofNullable(row.cnameVerifiedAt),
                Optional.ofNullable(row.lastCheckedAt),
                Optional.ofNullable(row.lastCheckError),
                row.certStatus,
                Optional.ofNullable(row.certError),
                row.createdAt);
    }

    public boolean verified() {
        return txtVerifiedAt.isPresent() && cnameVerifiedAt.isPresent();
    }
}
