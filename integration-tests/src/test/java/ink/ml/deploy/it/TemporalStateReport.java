package ink.ml.deploy.it;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Instant;
import java.util.List;

/**
 * What the Temporal server holds for a workflow that did not end in time, for a failing test's
 * output: its pending activities (attempt, state, last heartbeat, last worker, last failure), the
 * pollers of the task queue they wait on, and its history, one line per event. A deadline that
 * passes then says whether a retry was never scheduled, scheduled and never picked up, or picked up
 * by a worker that is gone.
 */
final class TemporalStateReport {
    private final WorkflowClient workflows;

    TemporalStateReport(WorkflowClient workflows) {
        this.workflows = workflows;
    }

    /** Never throws: a report that cannot be made says why instead. */
    String of(String workflowId, String activityQueue) {
        StringBuilder report = new StringBuilder("Temporal's state of ").append(workflowId);
        try {
            appendPendingActivities(report, workflowId);
            appendPollers(report, activityQueue);
            appendHistory(report, workflowId);
        } catch (RuntimeException e) {
            report.append("\n  (report cut short: ").append(e).append(')');
        }
        return report.toString();
    }

    private void appendPendingActivities(StringBuilder report, String workflowId) {
        DescribeWorkflowExecutionResponse description =
                stubs().blockingStub()
                        .describeWorkflowExecution(
                                DescribeWorkflowExecutionRequest.newBuilder()
                                        .setNamespace(namespace())
                                        .setExecution(
                                                WorkflowExecution.newBuilder()
                                                        .setWorkflowId(workflowId))
                                        .build());
        report.append("\n  status: ").append(description.getWorkflowExecutionInfo().getStatus());
        report.append("\n  pending activities: ").append(description.getPendingActivitiesCount());
        for (PendingActivityInfo activity : description.getPendingActivitiesList()) {
            report.append("\n    ")
                    .append(activity.getActivityType().getName())
                    .append(" state=")
                    .append(activity.getState())
                    .append(" attempt=")
                    .append(activity.getAttempt())
                    .append(" scheduled=")
                    .append(time(activity.getScheduledTime()))
                    .append(" lastStarted=")
                    .append(time(activity.getLastStartedTime()))
                    .append(" lastHeartbeat=")
                    .append(time(activity.getLastHeartbeatTime()))
                    .append(" lastWorker=")
                    .append(activity.getLastWorkerIdentity())
                    .append(" lastFailure=")
                    .append(activity.getLastFailure().getMessage());
        }
    }

    private void appendPollers(StringBuilder report, String activityQueue) {
        try {
            List<PollerInfo> pollers =
                    stubs().blockingStub()
                            .describeTaskQueue(
                                    DescribeTaskQueueRequest.newBuilder()
                                            .setNamespace(namespace())
                                            .setTaskQueue(
                                                    TaskQueue.newBuilder().setName(activityQueue))
                                            .setTaskQueueType(
                                                    TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
                                            .build())
                            .getPollersList();
            report.append("\n  pollers of ").append(activityQueue).append(": ");
            report.append(pollers.size());
            for (PollerInfo poller : pollers) {
                report.append("\n    ")
                        .append(poller.getIdentity())
                        .append(" lastAccess=")
                        .append(time(poller.getLastAccessTime()));
            }
        } catch (StatusRuntimeException e) {
            report.append("\n  pollers of ").append(activityQueue).append(": not told (");
            report.append(e.getStatus().getCode()).append(')');
        }
    }

    private void appendHistory(StringBuilder report, String workflowId) {
        report.append("\n  history:");
        for (HistoryEvent event : workflows.fetchHistory(workflowId).getEvents()) {
            report.append("\n    ")
                    .append(event.getEventId())
                    .append(' ')
                    .append(time(event.getEventTime()))
                    .append(' ')
                    .append(event.getEventType());
            if (event.hasActivityTaskScheduledEventAttributes()) {
                report.append(' ')
                        .append(
                                event.getActivityTaskScheduledEventAttributes()
                                        .getActivityType()
                                        .getName());
            }
            if (event.hasActivityTaskStartedEventAttributes()) {
                report.append(" attempt=")
                        .append(event.getActivityTaskStartedEventAttributes().getAttempt())
                        .append(" by ")
                        .append(event.getActivityTaskStartedEventAttributes().getIdentity());
            }
            if (event.hasActivityTaskTimedOutEventAttributes()) {
                report.append(' ')
                        .append(
                                event.getActivityTaskTimedOutEventAttributes()
                                        .getFailure()
                                        .getMessage());
            }
            if (event.hasActivityTaskFailedEventAttributes()) {
                report.append(' ')
                        .append(
                                event.getActivityTaskFailedEventAttributes()
                                        .getFailure()
                                        .getMessage());
            }
        }
    }

    private WorkflowServiceStubs stubs() {
        return workflows.getWorkflowServiceStubs();
    }

    private String namespace() {
        return workflows.getOptions().getNamespace();
    }

    private static String time(Timestamp timestamp) {
        if (timestamp.getSeconds() == 0 && timestamp.getNanos() == 0) {
            return "-";
        }
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).toString();
    }
}
