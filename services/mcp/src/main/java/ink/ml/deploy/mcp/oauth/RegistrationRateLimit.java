package ink.ml.deploy.mcp.oauth;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How many clients one address may register: {@code mcpdeploy.mcp.oauth.registration.per-address-*}
 * ({@link OAuthServerConfig.Registration}). Held in memory, so each replica counts on its own.
 */
@ApplicationScoped
class RegistrationRateLimit {
    private static final String UNKNOWN = "unknown";

    private final TokenBuckets buckets;
    private final OAuthServerConfig.Registration config;

    RegistrationRateLimit(OAuthServerConfig config) {
        this.config = config.registration();
        this.buckets =
                new TokenBuckets(
                        this.config.perAddressLimit(),
                        this.config.perAddressPeriod(),
                        this.config.trackedAddresses(),
                        InstantSource.system());
    }

    /** Empty if the address may register now; otherwise how long until it may. */
    Optional<Duration> take(String hostAddress) {
        return buckets.take(keyOf(hostAddress));
    }

    /** The limit as a person reads it, e.g. "10 per 60 s". */
    String describe() {
        return config.perAddressLimit() + " per " + config.perAddressPeriod().toSeconds() + " s";
    }

    /**
     * An IPv4 address as is; an IPv6 address by its /64, since one host usually holds a whole /64
     * and could otherwise register from a new address each time.
     */
    static String keyOf(String hostAddress) {
        if (hostAddress == null || hostAddress.isEmpty()) {
            return UNKNOWN;
        }
        if (hostAddress.indexOf(':') < 0) {
            return hostAddress;
        }
        try {
            // An IP literal: never resolved.
            InetAddress address = InetAddress.getByName(hostAddress);
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return UNKNOWN;
        }
    }
}
