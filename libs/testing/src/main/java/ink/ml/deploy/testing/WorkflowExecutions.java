package ink.ml.deploy.testing;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.Optional;

/** What the Temporal server holds about a workflow execution, asked through the real client. */
public final class WorkflowExecutions {
    private WorkflowExecutions() {}

    /** The execution with that id, if the server knows one. */
    public static Optional<WorkflowExecutionInfo> describe(
            WorkflowClient client, String workflowId) {
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

    /** The workflow's input, decrypted by the client's data converter. */
    public static <T> T input(WorkflowClient client, String workflowId, Class<T> type) {
        var payloads =
                client.fetchHistory(workflowId)
                        .getEvents()
                        .get(0)
                        .getWorkflowExecutionStartedEventAttributes()
                        .getInput();
        return client.getOptions()
                .getDataConverter()
                .fromPayloads(0, Optional.of(payloads), type, type);
    }
}
