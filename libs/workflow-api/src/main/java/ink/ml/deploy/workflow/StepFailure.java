package ink.ml.deploy.workflow;

import ink.ml.deploy.domain.DeploymentStep;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * The typed, non-retryable failures of a deployment. Each names the step and carries a reason a
 * user can act on ("no Dockerfile at web/Dockerfile", "the app never listened on port 3000"); the
 * workflow stores both on the deployment. Anything else an activity throws is retried by its
 * policy, as transient.
 */
public final class StepFailure {
    /** Application failure types; the workflow maps them to the deployment's error step. */
    public static final String CLONE_FAILED = "CloneFailed";

    public static final String NO_DOCKERFILE = "NoDockerfile";

    /**
     * No Dockerfile to build and nothing detected to generate one from (or the chosen language's
     * files are broken): the reason says what was looked for and how to fix it.
     */
    public static final String NO_BUILD_PLAN = "NoBuildPlan";

    public static final String BUILD_FAILED = "BuildFailed";
    public static final String PUSH_FAILED = "PushFailed";
    public static final String APPLY_REJECTED = "ApplyRejected";
    public static final String ROLLOUT_FAILED = "RolloutFailed";

    private static final List<String> TYPES =
            List.of(
                    CLONE_FAILED,
                    NO_DOCKERFILE,
                    NO_BUILD_PLAN,
                    BUILD_FAILED,
                    PUSH_FAILED,
                    APPLY_REJECTED,
                    ROLLOUT_FAILED);

    private StepFailure() {}

    /** Every type above: activity retry policies list them as non-retryable. */
    public static List<String> types() {
        return TYPES;
    }

    /** Whether {@code type} is one of the step failures above. */
    public static boolean isStepFailure(String type) {
        return TYPES.contains(type);
    }

    /** A failure that retrying cannot fix: the user has to change something. */
    public static ApplicationFailure of(String type, String reason) {
        return ApplicationFailure.newNonRetryableFailure(reason, type);
    }

    /** The deployment step a failure type belongs to, as stored in deployment events. */
    public static DeploymentStep stepOf(String type) {
        return switch (type) {
            case CLONE_FAILED -> DeploymentStep.CLONE;
            case NO_DOCKERFILE, NO_BUILD_PLAN, BUILD_FAILED -> DeploymentStep.BUILD;
            case PUSH_FAILED -> DeploymentStep.PUSH;
            case APPLY_REJECTED -> DeploymentStep.DEPLOY;
            case ROLLOUT_FAILED -> DeploymentStep.ROLLOUT;
            default -> DeploymentStep.DEPLOY;
        };
    }
}
