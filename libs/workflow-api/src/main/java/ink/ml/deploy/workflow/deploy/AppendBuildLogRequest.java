package ink.ml.deploy.workflow.deploy;

import java.util.List;

public record AppendBuildLogRequest(String deploymentId, int firstLineNo, List<String> lines) {
    public AppendBuildLogRequest {
        lines = List.copyOf(lines);
    }
}
