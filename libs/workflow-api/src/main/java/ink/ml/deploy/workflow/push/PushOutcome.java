package ink.ml.deploy.workflow.push;

import java.util.List;

/** The deployments the push started, one per tracking service. */
public record PushOutcome(List<String> deploymentIds) {
    public PushOutcome {
        deploymentIds = List.copyOf(deploymentIds);
    }
}
