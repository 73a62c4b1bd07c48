package ink.ml.deploy.worker.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the custom domain workflow waits for DNS records and certificates, and how it keeps watching
 * an active domain. Handed to the workflow as {@code DomainTimings} by its load activity.
 */
@ConfigMapping(prefix = "mcpdeploy.domains")
public interface CustomDomainConfig {
    /** The first pause between two DNS checks while the records are awaited; it doubles. */
    @WithDefault("15s")
    Duration dnsCheckFirst();

    /** The longest pause between two DNS checks while the records are awaited. */
    @WithDefault("5m")
    Duration dnsCheckMax();

    /**
     * How long the records of a new domain (or one asked to be verified) are awaited before the
     * workflow stops checking; asking for verification again starts it over.
     */
    @WithDefault("1h")
    Duration dnsWait();

    /** The first pause between two looks at a certificate being issued; it doubles. */
    @WithDefault("5s")
    Duration certificatePollFirst();

    /** The longest pause between two looks at a certificate being issued. */
    @WithDefault("1m")
    Duration certificatePollMax();

    /** How long a certificate may take to be issued before the domain counts as failed. */
    @WithDefault("30m")
    Duration certificateWait();

    /** How often an active domain's records are checked again. */
    @WithDefault("6h")
    Duration recheckInterval();

    /**
     * How long an active domain's records may stay away (flagged meanwhile) before it is taken off
     * its cluster.
     */
    @WithDefault("72h")
    Duration detachGrace();

    /**
     * Rechecks one workflow run makes before continuing as new, which keeps its history short (100
     * at six hours: 25 days).
     */
    @WithDefault("100")
    int rechecksPerRun();
}
