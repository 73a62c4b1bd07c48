package ink.ml.deploy.graphql.api.domains;

import ink.ml.deploy.platform.domains.CustomDomainView;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A DNS record the domain's owner must create, and what the last check found.")
public record DnsRecord(
        @NonNull @Description("TXT or CNAME.") String type,
        @NonNull @Description("The record's name, e.g. _dp-verify.app.example.com.") String name,
        @NonNull @Description("The value to set, verbatim.") String expected,
        @Description("What the last check found; null before a check or when nothing was there.")
                String found,
        @NonNull DnsRecordStatus status) {
    static DnsRecord of(CustomDomainView.RecordView record) {
        return new DnsRecord(
                record.type(),
                record.name(),
                record.expected(),
                record.found().orElse(null),
                DnsRecordStatus.of(record.status()));
    }
}
