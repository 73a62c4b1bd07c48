package ink.ml.deploy.e2e;

import com.google.protobuf.ByteString;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many runs the Temporal server holds for each workflow id with a given prefix, open and closed
 * together: what tells a push that started one workflow from one that started two. Runs are told
 * apart by their run id: one that closes between the two listings appears in both.
 */
final class WorkflowRuns {
    private static final String NAMESPACE = "default";
    private static final int PAGE = 1000;

    private WorkflowRuns() {}

    /** Runs per workflow id, for every id that starts with {@code prefix}. */
    static Map<String, Integer> byId(String temporalTarget, String prefix) {
        WorkflowServiceStubs stubs =
                WorkflowServiceStubs.newServiceStubs(
                        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
        try {
            Map<String, Set<String>> runs = new HashMap<>();
            ByteString token = ByteString.EMPTY;
            do {
                ListOpenWorkflowExecutionsResponse open =
                        stubs.blockingStub()
                                .listOpenWorkflowExecutions(
                                        ListOpenWorkflowExecutionsRequest.newBuilder()
                                                .setNamespace(NAMESPACE)
                                                .setMaximumPageSize(PAGE)
                                                .setNextPageToken(token)
                                                .build());
                count(open.getExecutionsList(), prefix, runs);
                token = open.getNextPageToken();
            } while (!token.isEmpty());
            do {
                ListClosedWorkflowExecutionsResponse closed =
                        stubs.blockingStub()
                                .listClosedWorkflowExecutions(
                                        ListClosedWorkflowExecutionsRequest.newBuilder()
                                                .setNamespace(NAMESPACE)
                                                .setMaximumPageSize(PAGE)
                                                .setNextPageToken(token)
                                                .build());
                count(closed.getExecutionsList(), prefix, runs);
                token = closed.getNextPageToken();
            } while (!token.isEmpty());
            Map<String, Integer> counts = new HashMap<>();
            runs.forEach((id, runIds) -> counts.put(id, runIds.size()));
            return counts;
        } finally {
            stubs.shutdownNow();
        }
    }

    private static void count(
            List<WorkflowExecutionInfo> executions, String prefix, Map<String, Set<String>> runs) {
        for (WorkflowExecutionInfo execution : executions) {
            String id = execution.getExecution().getWorkflowId();
            if (id.startsWith(prefix)) {
                runs.computeIfAbsent(id, any -> new HashSet<>())
                        .add(execution.getExecution().getRunId());
            }
        }
    }
}
