package ink.ml.deploy.deployer.worker.run.docker;

import io.temporal.activity.Activity;

/**
 * Heartbeats the activity that called the target, so a cancelled deployment stops waiting promptly;
 * nothing when the target runs outside an activity (the monitor, tests).
 */
final class ActivityHeartbeat {
    private ActivityHeartbeat() {}

    static void beat(String details) {
        try {
            Activity.getExecutionContext().heartbeat(details);
        } catch (IllegalStateException notInAnActivity) {
            // Called outside an activity: nobody to tell.
        }
    }
}
