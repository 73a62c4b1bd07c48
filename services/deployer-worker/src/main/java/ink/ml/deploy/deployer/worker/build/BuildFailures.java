package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.workflow.StepFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The messages of failed builds and pushes: what failed, then the output that says why. */
final class BuildFailures {
    /** What a client says when nothing answered at the registry's address. */
    private static final List<String> UNREACHABLE =
            List.of(
                    "connection refused",
                    "no route to host",
                    "no such host",
                    "i/o timeout",
                    "connection reset by peer");

    private BuildFailures() {}

    /**
     * A failed push. When the registry did not answer at all the reason says so in the platform's
     * words: the registry is the platform's, not the user's, and nothing was changed on the live
     * version. Any other failure is told as {@link #of} tells it.
     */
    static ApplicationFailure ofPush(PushTarget image, ProcessOutcome outcome, Duration limit) {
        Optional<String> unreachable =
                outcome.timedOut() ? Optional.empty() : unreachable(outcome.tail());
        if (unreachable.isPresent()) {
            return StepFailure.of(
                    StepFailure.PUSH_FAILED,
                    "the image registry "
                            + image.registry()
                            + " could not be reached while pushing "
                            + image.reference()
                            + " ("
                            + unreachable.get()
                            + "): the platform's registry is down, not a problem in your code."
                            + " The live version keeps serving; deploy again in a few minutes.");
        }
        return of(StepFailure.PUSH_FAILED, "pushing " + image.reference(), outcome, limit);
    }

    private static Optional<String> unreachable(List<String> tail) {
        String text = String.join("\n", tail).toLowerCase(Locale.ROOT);
        return UNREACHABLE.stream().filter(text::contains).findFirst();
    }

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
