package ink.ml.deploy.deployer.worker.build;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last lines of a process's output, for a failure message a user can act on. */
final class OutputTail {
    private static final int MAX_LINE_LENGTH = 300;

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    OutputTail(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(
                line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) + "…" : line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
