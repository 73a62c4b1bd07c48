package ink.ml.deploy.deployer.worker.run.kubernetes;

import ink.ml.deploy.deployer.worker.run.RuntimeState;
import java.util.Objects;

/**
 * What one observation of a deployment's pods says it is doing.
 *
 * @param state running or crashed
 * @param reason plain words for the user, e.g. "CrashLoopBackOff: exited with code 1, restarted 4
 *     times"
 */
public record RuntimeVerdict(RuntimeState state, String reason) {
    public RuntimeVerdict {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }
}
