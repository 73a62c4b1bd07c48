package ink.ml.deploy.dnscheck;

import ink.ml.deploy.domain.InvalidValueException;
import java.time.Duration;
import java.util.List;

/**
 * Which DNS resolvers the check asks and how patiently. Each query goes to the resolvers in order
 * and waits {@code timeout} for each; the whole round is tried {@code retries} more times, so one
 * query takes at most {@code (retries + 1) × resolvers × timeout}.
 *
 * @param resolvers {@code host:port}, {@code host} (port 53) or {@code [ipv6]:port}, at least one
 */
public record DnsResolverSettings(List<String> resolvers, Duration timeout, int retries) {
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_RETRIES = 5;

    public DnsResolverSettings {
        if (resolvers == null || resolvers.isEmpty()) {
            throw new InvalidValueException("resolvers", "must name at least one host:port");
        }
        resolvers = List.copyOf(resolvers);
        resolvers.forEach(ResolverAddress::parse);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidValueException("timeout", "must be positive");
        }
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidValueException(
                    "timeout", "must be at most " + MAX_TIMEOUT.toSeconds() + " s");
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new InvalidValueException("retries", "must be between 0 and " + MAX_RETRIES);
        }
    }

    List<ResolverAddress> addresses() {
        return resolvers.stream().map(ResolverAddress::parse).toList();
    }
}
