package ink.ml.deploy.mcp.oauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/**
 * The MCP server as an OAuth protected resource and authorization server (MCP authorization,
 * 2025-06-18). Lifetimes of codes and tokens are the platform's {@code mcpdeploy.oauth.*}.
 */
@ConfigMapping(prefix = "mcpdeploy.mcp.oauth")
public interface OAuthServerConfig {
    /**
     * This server's origin as clients reach it (scheme, host, port; no path), e.g. {@code
     * https://mcp.ml.ink}. It is the issuer; the protected resource, and so every access token's
     * audience, is this plus {@code /mcp}. Never derived from a request's Host header.
     */
    @WithDefault("http://localhost:8082")
    URI publicUrl();

    /** Limits of dynamic client registration, which anyone may call. */
    Registration registration();

    interface Registration {
        /**
         * The largest registration body read, in bytes; a larger one is refused with 413 before it
         * is parsed. Real client metadata is a few hundred bytes.
         */
        @WithDefault("8192")
        int maxBodyBytes();

        /**
         * How many registrations one client address may make per {@link #perAddressPeriod()}, in a
         * burst or spread out; beyond that the answer is 429 with {@code Retry-After}. IPv6
         * addresses count per /64, which one host usually holds whole. The address is the TCP
         * peer's unless {@code quarkus.http.proxy.*} is set to trust a proxy's forwarding headers.
         */
        @WithDefault("10")
        int perAddressLimit();

        /** The period {@link #perAddressLimit()} refills over. */
        @WithDefault("PT1M")
        Duration perAddressPeriod();

        /**
         * How many client addresses the limiter remembers at once. Beyond that, addresses not yet
         * seen are refused until a bucket refills: registration is then briefly closed to new
         * addresses rather than open to all.
         */
        @WithDefault("100000")
        int trackedAddresses();

        /**
         * How long a registered client may go without completing an authorization (a code exchanged
         * for tokens) before it is deleted. Clients that did are kept.
         */
        @WithDefault("PT24H")
        Duration unusedClientTtl();
    }
}
