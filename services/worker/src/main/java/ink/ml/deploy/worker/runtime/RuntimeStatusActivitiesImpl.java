package ink.ml.deploy.worker.runtime;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.RuntimeStateChange;
import ink.ml.deploy.worker.deploy.RecordFailures;
import ink.ml.deploy.workflow.runtime.RuntimeCondition;
import ink.ml.deploy.workflow.runtime.RuntimeStatusActivities;
import ink.ml.deploy.workflow.runtime.RuntimeStatusChange;
import ink.ml.deploy.workflow.runtime.RuntimeStatusOutcome;
import ink.ml.deploy.workflow.runtime.RuntimeStatusReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A runtime report's product-plane side, over {@link DeploymentRecords#recordRuntimeState}. A
 * report that changes nothing (already there, not live, gone) is normal, not an error: the target
 * reports what it sees and the database decides. Those are logged at debug only.
 */
@ApplicationScoped
public class RuntimeStatusActivitiesImpl implements RuntimeStatusActivities {
    private static final Logger LOG = Logger.getLogger(RuntimeStatusActivitiesImpl.class);

    private final DeploymentRecords records;

    public RuntimeStatusActivitiesImpl(DeploymentRecords records) {
        this.records = records;
    }

    @Override
    public RuntimeStatusOutcome applyReport(RuntimeStatusReport report) {
        UUID id = deploymentId(report.deploymentId());
        DeploymentStatus observed = statusOf(report.condition());
        RuntimeStateChange change;
        try {
            change = records.recordRuntimeState(id, observed, report.reason());
        } catch (NotFoundException e) {
            LOG.debugf("Runtime report for deployment %s ignored: it does not exist", id);
            return new RuntimeStatusOutcome(RuntimeStatusChange.NOT_FOUND, null);
        } catch (InvalidValueException e) {
            throw RecordFailures.invalid(e);
        }
        String status = records.statusOf(id).value();
        switch (change) {
            case MOVED -> LOG.infof("Deployment %s is %s: %s", id, status, report.reason());
            case ALREADY -> LOG.debugf("Runtime report for deployment %s: already %s", id, status);
            case NOT_LIVE ->
                    LOG.debugf(
                            "Runtime report (%s) for deployment %s ignored: it is %s, not live",
                            report.condition(), id, status);
        }
        return new RuntimeStatusOutcome(changeOf(change), status);
    }

    /** The one mapping of what a target observes to the status it means. */
    static DeploymentStatus statusOf(RuntimeCondition condition) {
        return switch (condition) {
            case RUNNING -> DeploymentStatus.ACTIVE;
            case CRASHED -> DeploymentStatus.CRASHED;
        };
    }

    private static RuntimeStatusChange changeOf(RuntimeStateChange change) {
        return switch (change) {
            case MOVED -> RuntimeStatusChange.MOVED;
            case ALREADY -> RuntimeStatusChange.ALREADY;
            case NOT_LIVE -> RuntimeStatusChange.NOT_LIVE;
        };
    }

    private static UUID deploymentId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw RecordFailures.invalid(e);
        }
    }
}
