package ink.ml.deploy.dnscheck;

import ink.ml.deploy.domain.DomainVerificationRecords;
import ink.ml.deploy.domain.InvalidValueException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads a custom domain's two required records from the DNS, through the configured resolvers, and
 * says for each what was expected, what was found, and whether it is OK:
 *
 * <ul>
 *   <li>TXT {@code _dp-verify.{domain}} must hold the string {@code dp-verify={token}}, among any
 *       others;
 *   <li>{@code {domain}} must CNAME to the service's target, directly or through a chain of at most
 *       {@value #MAX_CNAME_HOPS} CNAMEs; a chain that loops or ends elsewhere is WRONG;
 *   <li>a domain without a CNAME (a zone apex cannot hold one) may instead have A/AAAA records that
 *       are all addresses of the target: OK, marked {@link RecordCheck#byAddresses()}. Each of its
 *       addresses must be one of the target's (a stray address sends visitors elsewhere), but it
 *       need not list all of them (a domain with only the IPv4 address still reaches the service).
 * </ul>
 *
 * <p>Names compare without regard to case or a trailing dot, as DNS does. Whatever the DNS answers
 * (NXDOMAIN, SERVFAIL, silence) becomes a status and a message, never an exception; only invalid
 * input is refused, with {@link InvalidValueException}. Thread-safe; holds no cache.
 */
public final class DomainRecordChecker {
    static final int MAX_CNAME_HOPS = 8;

    private final DnsResolverSettings settings;
    private final DnsQueries queries;

    public DomainRecordChecker(DnsResolverSettings settings) {
        if (settings == null) {
            throw new InvalidValueException("settings", "must not be null");
        }
        this.settings = settings;
        this.queries = new DnsQueries(settings);
    }

    /** Checks both records; the domain is verified when both are OK. */
    public DomainCheck check(DomainVerificationRecords records) {
        if (records == null) {
            throw new InvalidValueException("records", "must not be null");
        }
        Name domain = name("domain", records.cnameName());
        Name target = name("cnameTarget", records.cnameTarget());
        Name txtName = name("domain", records.txtName());
        return new DomainCheck(
                records.cnameName(), checkTxt(txtName, records), checkCname(domain, target));
    }

    private RecordCheck checkTxt(Name name, DomainVerificationRecords records) {
        String shown = shown(name);
        String expected = records.txtValue();
        DnsAnswer answer = queries.ask(name, Type.TXT);
        if (!answer.answered()) {
            return failure(RequiredRecord.TXT, shown, expected, answer, List.of());
        }
        List<String> found = new ArrayList<>();
        for (Record record : answer.ofType(Type.TXT)) {
            List<String> strings = ((TXTRecord) record).getStrings();
            found.addAll(strings);
            if (strings.size() > 1) {
                // A long value is split into strings of one record; read together they are one.
                found.add(String.join("", strings));
            }
        }
        if (found.isEmpty()) {
            return RecordCheck.of(
                    RequiredRecord.TXT,
                    shown,
                    expected,
                    found,
                    RecordStatus.MISSING,
                    DnsMessages.txtMissing(shown, expected));
        }
        return records.txtMatches(found)
                ? RecordCheck.of(
                        RequiredRecord.TXT,
                        shown,
                        expected,
                        found,
                        RecordStatus.OK,
                        DnsMessages.txtOk(shown, expected))
                : RecordCheck.of(
                        RequiredRecord.TXT,
                        shown,
                        expected,
                        found,
                        RecordStatus.WRONG,
                        DnsMessages.txtWrong(shown, found, expected));
    }

    private RecordCheck checkCname(Name domain, Name target) {
        String shown = shown(domain);
        String expected = shown(target);
        List<String> chain = new ArrayList<>();
        Set<Name> visited = new LinkedHashSet<>(List.of(domain));
        Name current = domain;
        for (int hop = 0; hop < MAX_CNAME_HOPS; hop++) {
            DnsAnswer answer = queries.ask(current, Type.CNAME);
            if (!answer.answered()) {
                if (hop == 0) {
                    return failure(RequiredRecord.CNAME, shown, expected, answer, chain);
                }
                return RecordCheck.of(
                        RequiredRecord.CNAME,
                        shown,
                        expected,
                        chain,
                        answer.outcome() == DnsAnswer.Outcome.NXDOMAIN
                                ? RecordStatus.WRONG
                                : RecordStatus.ERROR,
                        DnsMessages.cnameBrokenChain(shown, chain, reason(shown(current), answer)));
            }
            List<Record> cnames = answer.at(current, Type.CNAME);
            if (cnames.isEmpty()) {
                break;
            }
            Name next = ((CNAMERecord) cnames.get(0)).getTarget();
            chain.add(shown(next));
            if (next.equals(target)) {
                return RecordCheck.of(
                        RequiredRecord.CNAME,
                        shown,
                        expected,
                        chain,
                        RecordStatus.OK,
                        DnsMessages.cnameOk(shown, chain, expected));
            }
            if (!visited.add(next)) {
                return RecordCheck.of(
                        RequiredRecord.CNAME,
                        shown,
                        expected,
                        chain,
                        RecordStatus.WRONG,
                        DnsMessages.cnameLoop(shown, chain));
            }
            current = next;
        }
        if (chain.size() >= MAX_CNAME_HOPS) {
            return RecordCheck.of(
                    RequiredRecord.CNAME,
                    shown,
                    expected,
                    chain,
                    RecordStatus.WRONG,
                    DnsMessages.cnameTooLong(shown, MAX_CNAME_HOPS));
        }
        if (!chain.isEmpty()) {
            return RecordCheck.of(
                    RequiredRecord.CNAME,
                    shown,
                    expected,
                    chain,
                    RecordStatus.WRONG,
                    DnsMessages.cnameWrong(shown, chain, expected));
        }
        return checkAddresses(domain, target);
    }

    /** The domain has no CNAME: a zone apex may match by A/AAAA records equal to the target's. */
    private RecordCheck checkAddresses(Name domain, Name target) {
        String shown = shown(domain);
        String expected = shown(target);
        Addresses own = addresses(domain, true);
        if (own.failure() != null) {
            return failure(RequiredRecord.CNAME, shown, expected, own.failure(), List.of());
        }
        Addresses targets = addresses(target, false);
        if (own.values().isEmpty()) {
            return isZoneApex(domain)
                    ? RecordCheck.of(
                            RequiredRecord.CNAME,
                            shown,
                            expected,
                            List.of(),
                            RecordStatus.MISSING,
                            DnsMessages.apexMissing(shown, expected, targets.values()))
                    : RecordCheck.of(
                            RequiredRecord.CNAME,
                            shown,
                            expected,
                            List.of(),
                            RecordStatus.MISSING,
                            DnsMessages.cnameMissing(shown, expected));
        }
        if (targets.failure() != null) {
            return RecordCheck.of(
                    RequiredRecord.CNAME,
                    shown,
                    expected,
                    own.values(),
                    RecordStatus.ERROR,
                    DnsMessages.targetUnreadable(expected, reason(expected, targets.failure())));
        }
        List<String> stray =
                own.values().stream().filter(a -> !targets.values().contains(a)).toList();
        if (stray.isEmpty()) {
            return new RecordCheck(
                    RequiredRecord.CNAME,
                    shown,
                    expected,
                    own.values(),
                    RecordStatus.OK,
                    DnsMessages.addressesOk(shown, own.values(), expected),
                    true);
        }
        return RecordCheck.of(
                RequiredRecord.CNAME,
                shown,
                expected,
                own.values(),
                RecordStatus.WRONG,
                DnsMessages.addressesWrong(shown, stray, expected, targets.values()));
    }

    /** The A and AAAA addresses of {@code name}, or the failure that kept them unknown. */
    private record Addresses(List<String> values, DnsAnswer failure) {}

    private Addresses addresses(Name name, boolean ownOnly) {
        List<String> values = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            DnsAnswer answer = queries.ask(name, type);
            if (!answer.answered()) {
                return new Addresses(List.of(), answer);
            }
            // The target may itself be a CNAME: its addresses are those at the chain's end.
            List<Record> records = ownOnly ? answer.at(name, type) : answer.ofType(type);
            for (Record record : records) {
                String address =
                        record instanceof ARecord a
                                ? a.getAddress().getHostAddress()
                                : ((AAAARecord) record).getAddress().getHostAddress();
                if (!values.contains(address)) {
                    values.add(address);
                }
            }
        }
        return new Addresses(values, null);
    }

    private boolean isZoneApex(Name name) {
        DnsAnswer answer = queries.ask(name, Type.SOA);
        return answer.answered() && !answer.at(name, Type.SOA).isEmpty();
    }

    private RecordCheck failure(
            RequiredRecord record,
            String name,
            String expected,
            DnsAnswer answer,
            List<String> found) {
        RecordStatus status =
                answer.outcome() == DnsAnswer.Outcome.NXDOMAIN
                        ? RecordStatus.MISSING
                        : RecordStatus.ERROR;
        String reason = reason(name, answer);
        String message =
                answer.outcome() == DnsAnswer.Outcome.NXDOMAIN
                        ? reason
                                + (record == RequiredRecord.TXT
                                        ? ": add TXT " + name + " = " + expected
                                        : ": add CNAME " + name + " → " + expected)
                        : reason;
        return RecordCheck.of(record, name, expected, found, status, message);
    }

    private String reason(String name, DnsAnswer answer) {
        return switch (answer.outcome()) {
            case NXDOMAIN -> DnsMessages.doesNotExist(name);
            case SERVFAIL -> DnsMessages.servfail(name);
            case TIMEOUT ->
                    DnsMessages.timeout(
                            name,
                            settings.timeout(),
                            (settings.retries() + 1) * settings.resolvers().size());
            case FAILED, ANSWER -> DnsMessages.failed(name, answer.detail());
        };
    }

    private static Name name(String field, String value) {
        if (value.isBlank() || value.equals(".")) {
            throw new InvalidValueException(field, "must not be empty");
        }
        try {
            return Name.fromString(value.endsWith(".") ? value : value + ".");
        } catch (TextParseException e) {
            throw new InvalidValueException(
                    field, "\"" + value + "\" is not a DNS name: " + e.getMessage());
        }
    }

    /** A name as people read it: lowercase, no trailing dot. */
    private static String shown(Name name) {
        String text = name.toString(true);
        return text.toLowerCase(Locale.ROOT);
    }
}
