package ink.ml.deploy.mcp.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import ink.ml.deploy.platform.domains.CustomDomainView;
import java.util.List;

/**
 * A custom domain: the DNS records its owner must create, what the last check found for each, and
 * the certificate's state.
 *
 * @param records the TXT record then the CNAME record, each with the value to set verbatim
 * @param lastCheckError what went wrong in the last check, in plain words
 * @param certificateStatus {@code pending_verification}, {@code issuing}, {@code ready} or {@code
 *     failed}
 * @param certificateError why the certificate failed, or why the domain was detached
 * @param recordsMissing for an active domain whose records a scheduled check no longer finds: since
 *     when, and when it is detached unless they are back
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomDomainOutput(
        String id,
        String serviceId,
        String domain,
        String unicodeDomain,
        boolean verified,
        List<DnsRecordOutput> records,
        String lastCheckedAt,
        String lastCheckError,
        String verificationRequestedAt,
        String certificateStatus,
        String certificateError,
        String recordsMissing) {

    /**
     * One record: type, name, the value expected, the value found by the last check (absent before
     * one, or when nothing was there) and its status ({@code pending}, {@code ok}, {@code missing},
     * {@code wrong}, {@code error}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DnsRecordOutput(
            String type, String name, String expected, String found, String status) {
        static DnsRecordOutput of(CustomDomainView.RecordView record) {
            return new DnsRecordOutput(
                    record.type(),
                    record.name(),
                    record.expected(),
                    record.found().orElse(null),
                    record.status().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    static CustomDomainOutput of(CustomDomainView view) {
        return new CustomDomainOutput(
                view.id(),
                view.serviceId(),
                view.domain(),
                view.unicodeDomain(),
                view.verified(),
                List.of(DnsRecordOutput.of(view.txt()), DnsRecordOutput.of(view.cname())),
                view.lastCheckedAt().map(Object::toString).orElse(null),
                view.lastCheckError().orElse(null),
                view.verificationRequestedAt().map(Object::toString).orElse(null),
                view.certStatus().value(),
                view.certError().orElse(null),
                view.recordsMissing().map(CustomDomainView.RecordsMissing::message).orElse(null));
    }
}
