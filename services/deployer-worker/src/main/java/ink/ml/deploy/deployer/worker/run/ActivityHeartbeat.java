package ink.ml.deploy.deployer.worker.run;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Optional;

/**
 * The activity that called a target, if any: targets also run outside one (the runtime monitor,
 * tests), and then there is nobody to heartbeat.
 */
public final class ActivityHeartbeat {
    private ActivityHeartbeat() {}

    /** The calling activity's context; empty outside an activity. */
    public static Optional<ActivityExecutionContext> current() {
        try {
            return Optional.of(Activity.getExecutionContext());
        } catch (IllegalStateException notInAnActivity) {
            return Optional.empty();
        }
    }

    /**
     * Heartbeats the calling activity, so a cancelled deployment stops waiting promptly; nothing
     * outside an activity.
     */
    public static void beat(String details) {
        current().ifPresent(activity -> activity.heartbeat(details));
    }
}
