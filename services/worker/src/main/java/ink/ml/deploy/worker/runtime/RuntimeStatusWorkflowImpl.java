package ink.ml.deploy.worker.runtime;

import ink.ml.deploy.workflow.runtime.RuntimeStatusActivities;
import ink.ml.deploy.workflow.runtime.RuntimeStatusOutcome;
import ink.ml.deploy.workflow.runtime.RuntimeStatusReport;
import ink.ml.deploy.workflow.runtime.RuntimeStatusWorkflow;
import io.temporal.workflow.Workflow;

/**
 * One runtime report, recorded by one idempotent activity. The rule that decides (live or not,
 * already there or not) lives in libs/platform, so the workflow only carries the report across.
 */
public class RuntimeStatusWorkflowImpl implements RuntimeStatusWorkflow {
    private final RuntimeStatusActivities records =
            Workflow.newActivityStub(
                    RuntimeStatusActivities.class, RuntimeActivityOptions.records());

    @Override
    public RuntimeStatusOutcome record(RuntimeStatusReport report) {
        return records.applyReport(report);
    }
}
