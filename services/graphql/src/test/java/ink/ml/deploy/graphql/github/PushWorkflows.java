package ink.ml.deploy.graphql.github;

import ink.ml.deploy.workflow.push.PushEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.Optional;

/** What the Temporal server holds about push workflows, asked through the real client. */
final class PushWorkflows {
    private PushWorkflows() {}

    /** The execution with that id, if the server knows one. */
    static Optional<WorkflowExecutionInfo> describe(WorkflowClient client, String workflowId) {
        try {
            return Optional.of(
                    client.getWorkflowServiceStubs()
                            .blockingStub()
                            .describeWorkflowExecution(
                                    DescribeWorkflowExecutionRequest.newBuilder()
                                            .setNamespace(client.getOptions().getNamespace())
                                            .setExecution(
                                                    WorkflowExecution.newBuilder()
                                                            .setWorkflowId(workflowId))
                                            .build())
                            .getWorkflowExecutionInfo());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The push the workflow was started with, decrypted by the client's data converter. */
    static PushEvent input(WorkflowClient client, String workflowId) {
        var payloads =
                client.fetchHistory(workflowId)
                        .getEvents()
                        .get(0)
                        .getWorkflowExecutionStartedEventAttributes()
                        .getInput();
        return client.getOptions()
                .getDataConverter()
                .fromPayloads(0, Optional.of(payloads), PushEvent.class, PushEvent.class);
    }
}
