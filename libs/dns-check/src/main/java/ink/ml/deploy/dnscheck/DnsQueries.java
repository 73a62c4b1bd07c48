package ink.ml.deploy.dnscheck;

import ink.ml.deploy.domain.InvalidValueException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * Asks the configured resolvers one question at a time, with recursion desired: each resolver in
 * order, each given the timeout, the whole round repeated {@code retries} times. An answer that
 * settles the question (records, NODATA, NXDOMAIN) ends it; a SERVFAIL, a refusal or silence lets
 * the next resolver try. No cache: each check reads the DNS as it is now.
 */
final class DnsQueries {
    private final int retries;
    private final List<ResolverAddress> addresses;
    private final List<SimpleResolver> resolvers = new ArrayList<>();

    DnsQueries(DnsResolverSettings settings) {
        this.retries = settings.retries();
        this.addresses = settings.addresses();
        for (ResolverAddress address : addresses) {
            resolvers.add(resolver(address, settings.timeout()));
        }
    }

    DnsAnswer ask(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        DnsAnswer last = null;
        for (int round = 0; round <= retries; round++) {
            for (int i = 0; i < resolvers.size(); i++) {
                last = ask(resolvers.get(i), addresses.get(i), query);
                if (last.outcome() == DnsAnswer.Outcome.ANSWER
                        || last.outcome() == DnsAnswer.Outcome.NXDOMAIN) {
                    return last;
                }
            }
        }
        return last;
    }

    private static DnsAnswer ask(SimpleResolver resolver, ResolverAddress address, Message query) {
        Message response;
        try {
            response = resolver.send(query);
        } catch (IOException e) {
            return timedOut(e)
                    ? DnsAnswer.of(DnsAnswer.Outcome.TIMEOUT, "no answer from " + address)
                    : DnsAnswer.of(
                            DnsAnswer.Outcome.FAILED,
                            "cannot ask " + address + ": " + e.getMessage());
        }
        int rcode = response.getRcode();
        return switch (rcode) {
            case Rcode.NOERROR ->
                    new DnsAnswer(
                            DnsAnswer.Outcome.ANSWER,
                            response.getSection(Section.ANSWER),
                            "from " + address);
            case Rcode.NXDOMAIN -> DnsAnswer.of(DnsAnswer.Outcome.NXDOMAIN, "from " + address);
            case Rcode.SERVFAIL -> DnsAnswer.of(DnsAnswer.Outcome.SERVFAIL, "from " + address);
            default ->
                    DnsAnswer.of(
                            DnsAnswer.Outcome.FAILED, address + " answered " + Rcode.string(rcode));
        };
    }

    private static boolean timedOut(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return true;
        }
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("timed out");
    }

    private static SimpleResolver resolver(ResolverAddress address, Duration timeout) {
        try {
            SimpleResolver resolver = new SimpleResolver(address.host());
            resolver.setPort(address.port());
            resolver.setTimeout(timeout);
            return resolver;
        } catch (UnknownHostException e) {
            throw new InvalidValueException(
                    "resolvers", "\"" + address + "\": unknown host " + address.host());
        }
    }
}
