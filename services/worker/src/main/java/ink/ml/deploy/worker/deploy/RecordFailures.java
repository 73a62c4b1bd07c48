package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.workflow.deploy.DeploymentRecordActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.UUID;

/**
 * The non-retryable failures the product plane's activities report: retrying cannot change their
 * outcome. Anything else they throw (a database that is away) is retried.
 */
public final class RecordFailures {
    /** Input that can never be stored: a bug in the caller, not a transient error. */
    public static final String INVALID_RECORD = "InvalidRecord";

    private RecordFailures() {}

    /** The deployment moved on (cancelled, superseded, ended): this run must not write over it. */
    public static ApplicationFailure stale(UUID deploymentId, DeploymentStatus current) {
        return ApplicationFailure.newNonRetryableFailure(
                "deployment " + deploymentId + " is " + current.value() + "; this run is stale",
                DeploymentRecordActivities.STALE_DEPLOYMENT,
                current.value());
    }

    public static ApplicationFailure notFound(String what, String id) {
        return ApplicationFailure.newNonRetryableFailure(
                what + " " + id + " does not exist",
                DeploymentRecordActivities.DEPLOYMENT_NOT_FOUND);
    }

    /** The message of a rejected value names the field and the rule; never a secret. */
    public static ApplicationFailure invalid(RuntimeException e) {
        return ApplicationFailure.newNonRetryableFailure(e.getMessage(), INVALID_RECORD);
    }
}
