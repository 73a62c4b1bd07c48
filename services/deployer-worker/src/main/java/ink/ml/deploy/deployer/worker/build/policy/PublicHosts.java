package ink.ml.deploy.deployer.worker.build.policy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a host named in a Dockerfile is a public one. Pure: nothing is resolved, so a public name
 * that resolves to a private address passes here and is stopped by the build network's egress
 * filter; this check exists to give a readable refusal for the names and addresses that are plainly
 * private.
 */
final class PublicHosts {
    /** Suffixes that only ever resolve inside a cluster or a private network. */
    private static final List<String> PRIVATE_SUFFIXES =
            List.of(
                    "localhost",
                    "local",
                    "internal",
                    "svc",
                    "localdomain",
                    "lan",
                    "home",
                    "corp",
                    "intranet",
                    "private",
                    "home.arpa");

    /**
     * A top-level domain is letters (or an IDN's {@code xn--} form): a last label such as {@code
     * dp-system} is a Kubernetes namespace reached through the resolver's search list.
     */
    private static final Pattern TOP_LEVEL_LABEL = Pattern.compile("\\p{L}{2,63}|xn--[a-z0-9-]+");

    /** A last label that makes the whole name an IPv4 address, as URL parsers and libc read it. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("0x[0-9a-f]*|[0-9]+");

    /** IPv4 blocks a build must not reach: {address, prefix length}. */
    private static final long[][] PRIVATE_V4 = {
        {0x00000000L, 8}, // "this network"; 0.0.0.0 reaches the local host
        {0x0A000000L, 8}, // RFC 1918
        {0x64400000L, 10}, // carrier-grade NAT
        {0x7F000000L, 8}, // loopback
        {0xA9FE0000L, 16}, // link-local, including cloud metadata endpoints
        {0xAC100000L, 12}, // RFC 1918
        {0xC0000000L, 24}, // IETF protocol assignments
        {0xC0A80000L, 16}, // RFC 1918
        {0xC6120000L, 15}, // benchmarking
        {0xE0000000L, 3}, // multicast, reserved, broadcast
    };

    private PublicHosts() {}

    static boolean isPublic(String host) {
        String name = normalized(host);
        if (name.startsWith("[")) {
            byte[] address = name.endsWith("]") ? ipv6(name.substring(1, name.length() - 1)) : null;
            return address != null && isPublicV6(address);
        }
        if (name.isEmpty() || name.contains("..") || name.startsWith(".")) {
            return false;
        }
        String[] labels = name.split("\\.");
        String last = labels[labels.length - 1];
        if (NUMERIC_LABEL.matcher(last).matches()) {
            long address = ipv4(labels);
            return address >= 0 && isPublicV4(address);
        }
        if (labels.length < 2) {
            return false;
        }
        for (String suffix : PRIVATE_SUFFIXES) {
            if (name.equals(suffix) || name.endsWith("." + suffix)) {
                return false;
            }
        }
        return TOP_LEVEL_LABEL.matcher(last).matches();
    }

    /**
     * The hosts a remote ADD source names, or an empty list for a local path. A source is remote
     * when a colon comes before its first slash: a URL ({@code scheme://host/...}) or a git remote
     * in scp form ({@code git@host:org/repo}). Every host an {@code @} could start is returned,
     * because URL parsers disagree on which {@code @} ends the user part.
     */
    static List<String> hostsOfRemoteSource(String source) {
        int slash = source.indexOf('/');
        String head = slash < 0 ? source : source.substring(0, slash);
        int colon = head.indexOf(':');
        if (colon < 0) {
            return List.of();
        }
        String authority;
        if (source.startsWith("://", colon)) {
            String rest = source.substring(colon + 3);
            int end = 0;
            while (end < rest.length() && "/\\?#".indexOf(rest.charAt(end)) < 0) {
                end++;
            }
            authority = rest.substring(0, end);
        } else {
            authority = head.substring(0, colon);
        }
        String[] parts = authority.split("@", -1);
        List<String> hosts = new ArrayList<>();
        for (int i = parts.length == 1 ? 0 : 1; i < parts.length; i++) {
            hosts.add(withoutPort(parts[i]));
        }
        return hosts;
    }

    static String withoutPort(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            return close < 0 ? hostAndPort : hostAndPort.substring(0, close + 1);
        }
        int colon = hostAndPort.indexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    /**
     * The name as a resolver sees it: percent escapes decoded (Go's URL parser does), full-width
     * and other compatibility forms folded (IDNA does), lower case, one trailing dot dropped.
     */
    static String normalized(String host) {
        String name = Normalizer.normalize(percentDecoded(host), Normalizer.Form.NFKC);
        name = name.replace('\u3002', '.').replace('\uFF61', '.').toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && isHex(text, i + 1, i + 3)) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String text, int from, int to) {
        return to <= text.length() && text.substring(from, to).matches("[0-9a-fA-F]{2}");
    }

    /**
     * An IPv4 address in any form inet_aton accepts ({@code 127.1}, {@code 2130706433}, {@code
     * 0x7f.1}, {@code 0177.0.0.1}), or -1 when the labels are not one.
     */
    private static long ipv4(String[] labels) {
        if (labels.length > 4) {
            return -1;
        }
        long address = 0;
        for (int i = 0; i < labels.length; i++) {
            long part = inetAtonPart(labels[i]);
            boolean last = i == labels.length - 1;
            long limit = last ? (1L << (8 * (4 - i))) - 1 : 255;
            if (part < 0 || part > limit) {
                return -1;
            }
            address = last ? (address << (8 * (4 - i))) | part : (address << 8) | part;
        }
        return address;
    }

    private static long inetAtonPart(String label) {
        try {
            if (label.startsWith("0x")) {
                return label.length() == 2 ? 0 : parseBounded(label.substring(2), 16);
            }
            if (label.length() > 1 && label.startsWith("0")) {
                return parseBounded(label.substring(1), 8);
            }
            return parseBounded(label, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseBounded(String digits, int radix) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > 12 ? -1 : Long.parseLong(significant, radix);
    }

    private static boolean isPublicV4(long address) {
        for (long[] block : PRIVATE_V4) {
            long mask = (0xFFFFFFFFL << (32 - block[1])) & 0xFFFFFFFFL;
            if ((address & mask) == block[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPublicV6(byte[] a) {
        int first = a[0] & 0xFF;
        int second = a[1] & 0xFF;
        boolean leadingZeros = true;
        for (int i = 0; i < 10; i++) {
            leadingZeros &= a[i] == 0;
        }
        int word5 = ((a[10] & 0xFF) << 8) | (a[11] & 0xFF);
        if (leadingZeros && (word5 == 0xFFFF || word5 == 0)) {
            // IPv4-mapped, and IPv4-compatible (which covers :: and ::1).
            return isPublicV4(embeddedV4(a, 12));
        }
        boolean nat64 =
                first == 0x00 && second == 0x64 && (a[2] & 0xFF) == 0xFF && (a[3] & 0xFF) == 0x9B;
        if (nat64) {
            return isPublicV4(embeddedV4(a, 12));
        }
        if (first == 0x20 && second == 0x02) {
            return isPublicV4(embeddedV4(a, 2));
        }
        boolean uniqueLocal = (first & 0xFE) == 0xFC;
        boolean linkOrSiteLocal = first == 0xFE && (second & 0x80) != 0;
        boolean multicast = first == 0xFF;
        return !uniqueLocal && !linkOrSiteLocal && !multicast;
    }

    private static long embeddedV4(byte[] a, int offset) {
        long address = 0;
        for (int i = offset; i < offset + 4; i++) {
            address = (address << 8) | (a[i] & 0xFF);
        }
        return address;
    }

    /** The 16 bytes of an IPv6 literal (zone dropped), or null when it is not one. */
    private static byte[] ipv6(String literal) {
        int zone = literal.indexOf('%');
        String text = zone < 0 ? literal : literal.substring(0, zone);
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = gap < 0 ? groups(text) : groups(text.substring(0, gap));
        List<Integer> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int missing = 8 - head.size() - tail.size();
        if (gap < 0 ? missing != 0 : missing < 1) {
            return null;
        }
        byte[] address = new byte[16];
        int index = 0;
        for (int group : head) {
            address[index++] = (byte) (group >> 8);
            address[index++] = (byte) group;
        }
        index += 2 * missing * (gap < 0 ? 0 : 1);
        for (int group : tail) {
            address[index++] = (byte) (group >> 8);
            address[index++] = (byte) group;
        }
        return address;
    }

    /** 16-bit groups; a dotted IPv4 tail counts as two. Null when malformed. */
    private static List<Integer> groups(String text) {
        List<Integer> groups = new ArrayList<>();
        if (text.isEmpty()) {
            return groups;
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.contains(".")) {
                long v4 = strictDottedV4(part);
                if (v4 < 0) {
                    return null;
                }
                groups.add((int) (v4 >> 16));
                groups.add((int) (v4 & 0xFFFF));
            } else if (part.matches("[0-9a-f]{1,4}")) {
                groups.add(Integer.parseInt(part, 16));
            } else {
                return null;
            }
        }
        return groups;
    }

    private static long strictDottedV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long address = 0;
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                return -1;
            }
            address = (address << 8) | Integer.parseInt(part);
        }
        return address;
    }
}
