package ink.ml.deploy.workflow.deploy;

import java.util.List;

/** Consecutive build log lines, numbered from {@code firstLineNo} (1-based). */
public record BuildOutput(int firstLineNo, List<String> lines) {
    public BuildOutput {
        lines = List.copyOf(lines);
    }
}
