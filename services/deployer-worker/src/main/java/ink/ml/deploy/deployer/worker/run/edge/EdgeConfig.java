package ink.ml.deploy.deployer.worker.run.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The single-host edge ({@link CaddyEdgeRoutes}): where its admin API answers and where it serves
 * the apps. Used by the Docker execution target only.
 */
@ConfigMapping(prefix = "mcpdeploy.edge")
public interface EdgeConfig {

    /**
     * Caddy's admin API. Keep it on loopback: whoever reaches it can route any host anywhere.
     * Caddy's own default is {@code localhost:2019}.
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
     * The address the edge binds, e.g. {@code 127.0.0.1} (an IPv6 address in brackets: {@code
     * [::1]}). Unset: every interface (IPv4 and IPv6), so that both {@code 127.0.0.1} and {@code
     * ::1}, which {@code *.localhost} resolves to, answer.
     */
    Optional<String> listenHost();

    /**
     * How long one admin call may take. A route change makes Caddy load the whole config again,
     * which takes milliseconds; the margin is for a loaded machine.
     */
    @WithDefault("10s")
    Duration adminTimeout();
}
