package ink.ml.deploy.deployer.worker.run.docker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Why a deployment's container did not become ready, in words a user can act on: its exit code, an
 * OOM kill, or a port that never opened, followed by the last lines of its log. Pure: the target
 * gathers the facts.
 */
final class ContainerDiagnosis {
    private ContainerDiagnosis() {}

    /**
     * @param exitCode the code of its last exit, when known
     * @param oomKilled whether the kernel killed it for its memory limit
     * @param restarts how often Docker restarted it
     * @param memoryMi its memory limit
     */
    static String exited(
            Optional<Integer> exitCode,
            boolean oomKilled,
            int restarts,
            int memoryMi,
            List<String> logTail) {
        StringBuilder reason = new StringBuilder();
        if (oomKilled) {
            reason.append("the app was stopped for using more than its memory limit of ")
                    .append(memoryMi)
                    .append("Mi");
            exitCode.ifPresent(code -> reason.append(" (exit code ").append(code).append(")"));
        } else {
            reason.append("the app exited");
            exitCode.ifPresent(code -> reason.append(" with code ").append(code));
        }
        if (restarts > 0) {
            reason.append(", restarted ")
                    .append(restarts)
                    .append(restarts == 1 ? " time" : " times");
        }
        return reason + logs(logTail);
    }

    static String portNeverOpened(int port, Duration deadline, List<String> logTail) {
        return "the app never accepted connections on port "
                + port
                + " within "
                + describe(deadline)
                + ": does it listen on 0.0.0.0:"
                + port
                + " (the PORT variable)?"
                + logs(logTail);
    }

    static String imageMissing(String image) {
        return "the image "
                + image
                + " is not in the registry: was it pushed, and is the tag right?";
    }

    static String replaced(String newerDeployment) {
        return "another deployment ("
                + newerDeployment
                + ") replaced this one before it became ready";
    }

    static String containerGone() {
        return "the deployment's container is gone: was the service deleted meanwhile?";
    }

    private static String logs(List<String> tail) {
        if (tail.isEmpty()) {
            return "; it wrote nothing to its log";
        }
        return "; last lines of its log:\n" + String.join("\n", tail);
    }

    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 60 == 0) {
            long minutes = seconds / 60;
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        if (seconds == 0) {
            return duration.toMillis() + " ms";
        }
        return seconds + (seconds == 1 ? " second" : " seconds");
    }
}
