package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.workflow.StepFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/** The messages of failed builds and pushes: what failed, then the output that says why. */
final class BuildFailures {
    private BuildFailures() {}

    static ApplicationFailure of(String type, String what, ProcessOutcome outcome, Duration limit) {
        if (outcome.timedOut()) {
            return StepFailure.of(
                    type, what + " took longer than " + limit.toMinutes() + " min and was stopped");
        }
        String reason = what + " failed (exit code " + outcome.exitCode() + ")";
        return StepFailure.of(
                type,
                outcome.tail().isEmpty()
                        ? reason
                        : reason + "; last lines of its output:\n" + outcome.tailText());
    }
}
