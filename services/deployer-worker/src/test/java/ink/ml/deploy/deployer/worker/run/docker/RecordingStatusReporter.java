package ink.ml.deploy.deployer.worker.run.docker;

import ink.ml.deploy.deployer.worker.run.RuntimeState;
import ink.ml.deploy.deployer.worker.run.RuntimeStatusReporter;
import ink.ml.deploy.domain.DeploymentId;
import java.util.ArrayList;
import java.util.List;

/** Keeps every report, in order, for tests of the runtime monitor. */
final class RecordingStatusReporter implements RuntimeStatusReporter {
    record Report(DeploymentId deployment, RuntimeState state, String reason) {}

    private final List<Report> reports = new ArrayList<>();

    @Override
    public synchronized void report(DeploymentId deployment, RuntimeState state, String reason) {
        reports.add(new Report(deployment, state, reason));
    }

    synchronized List<Report> reports() {
        return List.copyOf(reports);
    }

    synchronized List<RuntimeState> states(DeploymentId deployment) {
        return reports.stream()
                .filter(report -> report.deployment().equals(deployment))
                .map(Report::state)
                .toList();
    }
}
