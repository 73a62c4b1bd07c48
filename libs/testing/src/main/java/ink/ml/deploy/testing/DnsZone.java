package ink.ml.deploy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One zone that {@link DnsServerProcess} serves, written by a test: its records (TXT, CNAME, A,
 * AAAA per name), or a way to fail: {@link #failing} answers SERVFAIL for every name in it (its
 * file does not load), {@link #unanswered} never answers (its names are forwarded to an address
 * that swallows queries), so that a client times out.
 *
 * <p>A name is relative to the zone ({@code "app"}, {@code "_dp-verify.app"}), {@code "@"} for the
 * zone's apex, or absolute with a trailing dot. Each zone gets an SOA and an NS record at its apex,
 * as a real zone does; the apex therefore cannot hold a CNAME.
 */
public final class DnsZone {
    /** How the server treats the zone. */
    enum Kind {
        RECORDS,
        FAILING,
        UNANSWERED
    }

    private final String origin;
    private final Kind kind;
    private final List<String> records = new ArrayList<>();

    private DnsZone(String origin, Kind kind) {
        Objects.requireNonNull(origin, "origin");
        String name = origin.endsWith(".") ? origin.substring(0, origin.length() - 1) : origin;
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "origin must be a non-root DNS name (got \"" + origin + "\")");
        }
        this.origin = name;
        this.kind = kind;
    }

    /** A zone holding the records added to it. */
    public static DnsZone named(String origin) {
        return new DnsZone(origin, Kind.RECORDS);
    }

    /** A zone whose every name answers SERVFAIL: the server could not load it. */
    public static DnsZone failing(String origin) {
        return new DnsZone(origin, Kind.FAILING);
    }

    /** A zone whose names never get an answer: a client's query times out. */
    public static DnsZone unanswered(String origin) {
        return new DnsZone(origin, Kind.UNANSWERED);
    }

    /** A TXT record at {@code name} holding these strings (one record, several strings). */
    public DnsZone txt(String name, String... strings) {
        StringBuilder data = new StringBuilder();
        for (String string : strings) {
            if (string.length() > 255) {
                throw new IllegalArgumentException("a TXT string holds at most 255 characters");
            }
            data.append(data.length() == 0 ? "" : " ")
                    .append('"')
                    .append(string.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return record(name, "TXT", data.toString());
    }

    /** A CNAME from {@code name} to {@code target} (absolute, or relative to this zone). */
    public DnsZone cname(String name, String target) {
        return record(name, "CNAME", target);
    }

    /** An A record: {@code name} has the IPv4 address {@code address}. */
    public DnsZone a(String name, String address) {
        return record(name, "A", address);
    }

    /** An AAAA record: {@code name} has the IPv6 address {@code address}. */
    public DnsZone aaaa(String name, String address) {
        return record(name, "AAAA", address);
    }

    private DnsZone record(String name, String type, String data) {
        if (kind != Kind.RECORDS) {
            throw new IllegalStateException("a " + kind + " zone holds no records");
        }
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "record name must be a DNS name (got \"" + name + "\")");
        }
        if (name.endsWith(".") && !within(name.substring(0, name.length() - 1))) {
            // The server would drop it without a word: out-of-zone data is ignored.
            throw new IllegalArgumentException(
                    name + " is outside the zone " + origin + ": put it in a zone of its own");
        }
        if (data.isEmpty() || data.contains("\n")) {
            throw new IllegalArgumentException(type + " data must be one line");
        }
        records.add(name + " IN " + type + " " + data);
        return this;
    }

    private boolean within(String absolute) {
        String name = absolute.toLowerCase(Locale.ROOT);
        String zone = origin.toLowerCase(Locale.ROOT);
        return name.equals(zone) || name.endsWith("." + zone);
    }

    /** The zone's name, without a trailing dot, e.g. {@code example.test}. */
    public String origin() {
        return origin;
    }

    Kind kind() {
        return kind;
    }

    /** The master file for this zone; {@code nameServer} is the absolute name of its NS record. */
    String file(long serial, String nameServer) {
        if (kind == Kind.FAILING) {
            // A record type that does not exist: the server refuses the file and answers SERVFAIL.
            return "$TTL 1\n@ IN NOSUCHTYPE broken\n";
        }
        StringBuilder file =
                new StringBuilder()
                        .append("$ORIGIN ")
                        .append(origin)
                        .append(".\n")
                        .append("$TTL 1\n")
                        .append("@ IN SOA ")
                        .append(nameServer)
                        .append(" hostmaster.")
                        .append(origin)
                        .append(". ")
                        .append(serial)
                        .append(" 60 60 60 1\n")
                        .append("@ IN NS ")
                        .append(nameServer)
                        .append('\n');
        records.forEach(record -> file.append(record).append('\n'));
        return file.toString();
    }
}
