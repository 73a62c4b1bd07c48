package ink.ml.deploy.deployer.worker.run.kubernetes;

import ink.ml.deploy.deployer.worker.run.RuntimeState;
import ink.ml.deploy.deployer.worker.run.RuntimeStatusReporter;
import ink.ml.deploy.domain.DeploymentId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every report it is given; can be told to fail like an unreachable Temporal. */
final class RecordingRuntimeStatusReporter implements RuntimeStatusReporter {
    record Report(String deployment, RuntimeState state, String reason) {}

    private final List<Report> reports = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public void report(DeploymentId deployment, RuntimeState state, String reason) {
        if (failing) {
            throw new IllegalStateException("Temporal is unreachable");
        }
        reports.add(new Report(deployment.value(), state, reason));
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    List<Report> reports() {
        return List.copyOf(reports);
    }

    void clear() {
        reports.clear();
    }
}
