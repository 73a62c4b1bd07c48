package ink.ml.deploy.dnscheck;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * What the resolvers said to one query: the records of its answer, or why there are none. Never an
 * exception: every way the DNS can fail is a value the check turns into a message.
 */
record DnsAnswer(Outcome outcome, List<Record> records, String detail) {
    enum Outcome {
        /** NOERROR: the records (possibly none of the asked type: NODATA). */
        ANSWER,
        /** The name does not exist. */
        NXDOMAIN,
        /** A server failed to answer, e.g. the domain's own servers are broken or unreachable. */
        SERVFAIL,
        /** No resolver answered in time. */
        TIMEOUT,
        /** A refusal or another error code, or a resolver that cannot be reached. */
        FAILED
    }

    DnsAnswer {
        records = List.copyOf(records);
    }

    static DnsAnswer of(Outcome outcome, String detail) {
        return new DnsAnswer(outcome, List.of(), detail);
    }

    boolean answered() {
        return outcome == Outcome.ANSWER;
    }

    /** The answer's records of {@code type} owned by {@code name}. */
    List<Record> at(Name name, int type) {
        return records.stream()
                .filter(record -> record.getType() == type && record.getName().equals(name))
                .toList();
    }

    /** The answer's records of {@code type}, whoever owns them (the end of a CNAME chain). */
    List<Record> ofType(int type) {
        return records.stream().filter(record -> record.getType() == type).toList();
    }
}
