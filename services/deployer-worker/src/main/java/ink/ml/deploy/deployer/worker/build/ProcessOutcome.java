package ink.ml.deploy.deployer.worker.build;

import java.util.List;

/**
 * How a builder process ended.
 *
 * @param exitCode the process's exit code; meaningless when {@code timedOut}
 * @param tail its last output lines
 */
public record ProcessOutcome(int exitCode, boolean timedOut, List<String> tail) {
    public ProcessOutcome {
        tail = List.copyOf(tail);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** The tail as one block, for a failure message. */
    public String tailText() {
        return String.join("\n", tail);
    }
}
