package ink.ml.deploy.dnscheck;

import java.util.List;
import java.util.Objects;

/**
 * The check of one required record: its name, what was expected there, what was found, the status
 * and, in plain words, what is wrong and what to do (for OK, how it matched).
 *
 * @param found the values read from the DNS: TXT strings, the CNAME chain's names, or addresses
 * @param byAddresses true when the domain matched without a CNAME, by A/AAAA records equal to the
 *     target's (a zone apex, which cannot hold a CNAME)
 */
public record RecordCheck(
        RequiredRecord record,
        String name,
        String expected,
        List<String> found,
        RecordStatus status,
        String message,
        boolean byAddresses) {
    public RecordCheck {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expected, "expected");
        found = List.copyOf(found);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    static RecordCheck of(
            RequiredRecord record,
            String name,
            String expected,
            List<String> found,
            RecordStatus status,
            String message) {
        return new RecordCheck(record, name, expected, found, status, message, false);
    }

    public boolean ok() {
        return status == RecordStatus.OK;
    }
}
