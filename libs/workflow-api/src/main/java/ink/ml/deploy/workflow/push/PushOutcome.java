package ink.ml.deploy.workflow.push;

import java.util.List;

/**
 * @param deploymentIds the deployments the push started, one per tracking service it deployed on
 * @param skipped the tracking services it deployed nothing on, with the reason; empty in the
 *     results of pushes recorded before skipping existed
 */
public record PushOutcome(List<String> deploymentIds, List<SkippedService> skipped) {
    public PushOutcome {
        deploymentIds = List.copyOf(deploymentIds);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    public PushOutcome(List<String> deploymentIds) {
        this(deploymentIds, List.of());
    }
}
