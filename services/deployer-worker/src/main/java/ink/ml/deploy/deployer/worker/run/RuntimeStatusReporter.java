package ink.ml.deploy.deployer.worker.run;

import ink.ml.deploy.domain.DeploymentId;

/**
 * Tells the product plane what a live deployment is doing now, so a crash loop shows as CRASHED and
 * its recovery as ACTIVE again. Reports are idempotent: telling the same state twice changes
 * nothing, and a report about a deployment that is no longer live is ignored.
 */
public interface RuntimeStatusReporter {

    /**
     * @param reason plain words for the user (e.g. "exited with code 1, restarted 3 times"); never
     *     carries variable values
     */
    void report(DeploymentId deployment, RuntimeState state, String reason);
}
