package ink.ml.deploy.deployer.worker.run.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The single-host edge ({@link HaproxyEdgeRoutes} or {@link CaddyEdgeRoutes}): which proxy, where
 * its admin API answers and where it serves the apps. Used by the Docker execution target only.
 */
@ConfigMapping(prefix = "mcpdeploy.edge")
public interface EdgeConfig {

    /**
     * Which proxy the edge is: {@code haproxy} (routes change without a reload, so no request and
     * no WebSocket is cut by a deploy's switch) or {@code caddy} (each change reloads it).
     */
    @WithDefault("haproxy")
    EdgeKind kind();

    /**
     * HAProxy's admin socket ({@code stats socket <path> mode 600 level admin} in its config).
     * Whoever can open it routes any host anywhere: keep it readable by the platform only.
     */
    @WithDefault("/run/mcpdeploy/edge/haproxy.sock")
    String adminSocket();

    /**
     * HAProxy's routes map file, as its config names it: the platform rewrites it after each
     * change, so that HAProxy restarts with the routes it had. On persistent storage.
     */
    @WithDefault("/var/lib/mcpdeploy/edge/routes.map")
    String mapFile();

    /**
     * HAProxy's custom domains map file (domain, its service's platform host name), as its config
     * names it: a domain is routed as its service's host. Rewritten after each change, like the
     * routes. On persistent storage.
     */
    @WithDefault("/var/lib/mcpdeploy/edge/domains.map")
    String domainsMapFile();

    /**
     * HAProxy's map of ACME HTTP-01 answers (token, key authorization), as its config names it.
     * Never written: an answer lives only while an issuance waits for it. It must exist (empty) at
     * HAProxy's start.
     */
    @WithDefault("/run/mcpdeploy/edge/acme-challenges.map")
    String challengesMapFile();

    /**
     * Where the custom domains' certificates are kept ({@code <domain>.pem}: the chain, then the
     * private key, mode 0600). Readable by the platform and HAProxy only. On persistent storage.
     */
    @WithDefault("/var/lib/mcpdeploy/edge/certificates")
    String certificatesDirectory();

    /**
     * HAProxy's crt-list file for the TLS port, as its config names it: the served certificates'
     * paths. Rewritten after each change, so that HAProxy restarts serving them.
     */
    @WithDefault("/var/lib/mcpdeploy/edge/certificates.list")
    String crtListFile();

    /**
     * Caddy's admin API (kind {@code caddy}). Keep it on loopback: whoever reaches it can route any
     * host anywhere. Caddy's own default is {@code localhost:2019}.
     */
    @WithDefault("http://127.0.0.1:2019")
    String adminUrl();

    /**
     * The port apps answer on, e.g. {@code curl http://web-demo-local.localhost:8080/}. 8080 rather
     * than 80 so that the edge needs no privileged port.
     */
    @WithDefault("8080")
    int listenPort();

    /**
     * The port custom domains answer on over TLS, e.g. {@code curl https://app.example.com:8443/};
     * 8443 rather than 443 so that the edge needs no privileged port.
     */
    @WithDefault("8443")
    int tlsPort();

    /**
     * The address the edge binds, e.g. {@code 127.0.0.1} (an IPv6 address in brackets: {@code
     * [::1]}). Unset: every interface (IPv4 and IPv6), so that both {@code 127.0.0.1} and {@code
     * ::1}, which {@code *.localhost} resolves to, answer.
     */
    Optional<String> listenHost();

    /**
     * How long one admin call may take. A route change takes HAProxy microseconds and Caddy a
     * config load of milliseconds; the margin is for a loaded machine.
     */
    @WithDefault("10s")
    Duration adminTimeout();
}
