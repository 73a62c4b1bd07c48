package ink.ml.deploy.dnscheck;

import java.time.Duration;
import java.util.List;

/**
 * The plain words of every result: what the DNS says, and what the user should do about it. One
 * message per way a record can fail, so that a user (or an agent) knows which one happened.
 */
final class DnsMessages {
    private DnsMessages() {}

    static String doesNotExist(String name) {
        return name + " does not exist (NXDOMAIN): no DNS server knows this name yet";
    }

    static String servfail(String name) {
        return "the DNS servers of "
                + name
                + " failed to answer (SERVFAIL): the domain's DNS hosting is broken or"
                + " unreachable; check the domain's name servers";
    }

    static String timeout(String name, Duration timeout, int attempts) {
        return "no answer for "
                + name
                + " within "
                + timeout.toMillis()
                + " ms ("
                + attempts
                + (attempts == 1 ? " attempt" : " attempts")
                + "): the DNS did not respond; try again later";
    }

    static String failed(String name, String detail) {
        return "could not read " + name + " from the DNS: " + detail;
    }

    static String txtMissing(String name, String expected) {
        return name + " has no TXT record: add TXT " + name + " = " + expected;
    }

    static String txtWrong(String name, List<String> found, String expected) {
        return name
                + " has TXT "
                + quoted(found)
                + " but none is "
                + expected
                + ": add (or fix) the TXT value "
                + expected;
    }

    static String txtOk(String name, String expected) {
        return name + " has TXT " + expected;
    }

    static String cnameOk(String name, List<String> chain, String expected) {
        return chain.size() == 1
                ? name + " points to " + expected
                : name + " points to " + expected + " through " + String.join(" → ", chain);
    }

    static String cnameWrong(String name, List<String> chain, String expected) {
        String end = chain.get(chain.size() - 1);
        String through =
                chain.size() == 1
                        ? ""
                        : " (through "
                                + String.join(" → ", chain.subList(0, chain.size() - 1))
                                + ")";
        return name
                + " points to "
                + end
                + through
                + ", expected "
                + expected
                + ": change the CNAME of "
                + name
                + " to "
                + expected;
    }

    static String cnameBrokenChain(String name, List<String> chain, String reason) {
        return name + " points to " + String.join(" → ", chain) + ", but " + reason;
    }

    static String cnameLoop(String name, List<String> chain) {
        return name
                + "'s CNAME chain loops ("
                + name
                + " → "
                + String.join(" → ", chain)
                + "): no address is ever reached";
    }

    static String cnameTooLong(String name, int hops) {
        return name
                + "'s CNAME chain is longer than "
                + hops
                + " hops: point it directly at the target";
    }

    static String cnameMissing(String name, String expected) {
        return name + " has no CNAME record: add CNAME " + name + " → " + expected;
    }

    static String apexMissing(String name, String expected, List<String> targetAddresses) {
        return name
                + " is a zone apex, which cannot hold a CNAME, and has no A/AAAA records: add A/AAAA"
                + " records equal to "
                + expected
                + "'s addresses"
                + (targetAddresses.isEmpty()
                        ? ""
                        : " (" + String.join(", ", targetAddresses) + ")");
    }

    static String addressesOk(String name, List<String> addresses, String expected) {
        return name
                + " has no CNAME (a zone apex cannot hold one); its A/AAAA records ("
                + String.join(", ", addresses)
                + ") are "
                + expected
                + "'s addresses";
    }

    static String addressesWrong(
            String name, List<String> stray, String expected, List<String> targetAddresses) {
        return name
                + " has A/AAAA records "
                + String.join(", ", stray)
                + " that are not "
                + expected
                + "'s addresses ("
                + (targetAddresses.isEmpty() ? "none found" : String.join(", ", targetAddresses))
                + "): use a CNAME to "
                + expected
                + ", or at a zone apex A/AAAA records equal to its addresses";
    }

    static String targetUnreadable(String expected, String reason) {
        return "could not compare the addresses with " + expected + "'s: " + reason;
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").reduce((a, b) -> a + ", " + b).orElse("");
    }
}
