package ink.ml.deploy.worker.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Which DNS resolvers a custom domain's records are read through, and how patiently. */
@ConfigMapping(prefix = "mcpdeploy.dns")
public interface DnsCheckConfig {
    /**
     * Resolvers as {@code host:port} ({@code host} alone is port 53, IPv6 as {@code
     * [address]:port}), asked in order. Unset: the machine's own (its {@code /etc/resolv.conf}).
     */
    Optional<List<String>> resolvers();

    /** How long each resolver is given to answer one query (at most 30 s). */
    @WithDefault("3s")
    Duration timeout();

    /** How many more times a query's round of resolvers is tried when none answered (0–5). */
    @WithDefault("1")
    int retries();
}
