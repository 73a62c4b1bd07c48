package ink.ml.deploy.graphql.api.domains;

import ink.ml.deploy.platform.domains.CustomDomainView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description(
        "A domain of the user's own attached to a service: served once both DNS records are"
                + " found and its certificate is issued.")
public record CustomDomain(
        @NonNull @Id String id,
        @NonNull @Id String serviceId,
        @NonNull @Description("The name in ASCII (punycode), e.g. xn--caf-dma.example.com.")
                String domain,
        @NonNull @Description("The name as people read it, e.g. café.example.com.")
                String unicodeDomain,
        @NonNull
                @Description(
                        "The records to create: the TXT proving ownership, then the CNAME sending"
                                + " traffic (an apex domain may use A/AAAA records with the CNAME"
                                + " target's addresses instead).")
                List<@NonNull DnsRecord> records,
        @NonNull @Description("Both records found.") boolean verified,
        @Description("When the records were last checked; null before the first check.")
                Instant lastCheckedAt,
        @Description("What went wrong in the last check, in plain words; null when nothing did.")
                String lastCheckError,
        @Description("When verification was last asked for.") Instant verificationRequestedAt,
        @NonNull CertificateStatus certificateStatus,
        @Description(
                        "Why the certificate failed, or why the domain was detached; null"
                                + " otherwise.")
                String certificateError,
        @Description(
                        "For an active domain whose records a scheduled check no longer finds:"
                                + " since when, and when it is detached unless they are back, in"
                                + " plain words; null while they are in place.")
                String recordsMissing,
        @Description("When its records were first found gone; null while they are in place.")
                Instant recordsMissingSince,
        @Description("When the domain is detached if its records stay away; null unless flagged.")
                Instant detachAfter,
        @NonNull Instant createdAt) {
    public static CustomDomain of(CustomDomainView view) {
        return new CustomDomain(
                view.id(),
                view.serviceId(),
                view.domain(),
                view.unicodeDomain(),
                List.of(DnsRecord.of(view.txt()), DnsRecord.of(view.cname())),
                view.verified(),
                view.lastCheckedAt().orElse(null),
                view.lastCheckError().orElse(null),
                view.verificationRequestedAt().orElse(null),
                CertificateStatus.of(view.certStatus()),
                view.certError().orElse(null),
                view.recordsMissing().map(CustomDomainView.RecordsMissing::message).orElse(null),
                view.recordsMissing().map(CustomDomainView.RecordsMissing::since).orElse(null),
                view.recordsMissing()
                        .map(CustomDomainView.RecordsMissing::detachAfter)
                        .orElse(null),
                view.createdAt());
    }
}
