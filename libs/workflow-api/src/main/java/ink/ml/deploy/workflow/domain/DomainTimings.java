package ink.ml.deploy.workflow.domain;

import java.time.Duration;

/**
 * How a {@link CustomDomainWorkflow} waits, from the worker's configuration ({@code
 * mcpdeploy.domains.*}). Handed to the workflow by an activity so that it reads no configuration
 * itself and replays the same whatever the configuration is now.
 *
 * @param dnsCheckFirst the first pause between two DNS checks while waiting for the records
 * @param dnsCheckMax the pause doubles up to this
 * @param dnsWait how long the records are waited for before the run gives up (the owner's
 *     verification request starts it again)
 * @param certificatePollFirst the first pause between two looks at the certificate
 * @param certificatePollMax that pause doubles up to this
 * @param certificateWait how long the certificate may take before it counts as failed
 * @param recheckInterval how often an active domain's records are checked again
 * @param detachGrace how long an active domain's records may stay away before it is detached
 * @param rechecksPerRun rechecks before the run continues as new, keeping its history short
 */
public record DomainTimings(
        Duration dnsCheckFirst,
        Duration dnsCheckMax,
        Duration dnsWait,
        Duration certificatePollFirst,
        Duration certificatePollMax,
        Duration certificateWait,
        Duration recheckInterval,
        Duration detachGrace,
        int rechecksPerRun) {}
