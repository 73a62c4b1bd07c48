package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.workflow.deploy.AppendBuildLogRequest;
import ink.ml.deploy.workflow.deploy.BuildOutput;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Build output received by the deploy workflow and not yet stored, in arrival order. Workflow
 * state: plain data, no I/O. Consecutive chunks are merged into one batch, so a chatty build costs
 * few activities.
 */
final class BuildLogBuffer {
    /** Lines per stored batch: well under the platform's limit per append. */
    static final int MAX_BATCH_LINES = 1000;

    private final Deque<BuildOutput> pending = new ArrayDeque<>();
    private boolean closed;

    void add(BuildOutput output) {
        if (!output.lines().isEmpty()) {
            pending.addLast(output);
        }
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** No more output is expected; what is pending still gets stored. */
    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Takes the next batch: the first pending chunk and the chunks that continue it, up to {@link
     * #MAX_BATCH_LINES} lines. Call only when {@link #hasPending()}.
     */
    AppendBuildLogRequest takeBatch(String deploymentId) {
        BuildOutput first = pending.removeFirst();
        int firstLineNo = first.firstLineNo();
        List<String> lines = new ArrayList<>();
        addUpToLimit(first, firstLineNo, lines);
        while (!pending.isEmpty()
                && lines.size() < MAX_BATCH_LINES
                && pending.peekFirst().firstLineNo() == firstLineNo + lines.size()) {
            addUpToLimit(pending.removeFirst(), firstLineNo, lines);
        }
        return new AppendBuildLogRequest(deploymentId, firstLineNo, lines);
    }

    /** Adds a chunk's lines to the batch; what does not fit goes back to the head of the queue. */
    private void addUpToLimit(BuildOutput chunk, int firstLineNo, List<String> lines) {
        int room = MAX_BATCH_LINES - lines.size();
        if (chunk.lines().size() <= room) {
            lines.addAll(chunk.lines());
            return;
        }
        lines.addAll(chunk.lines().subList(0, room));
        pending.addFirst(
                new BuildOutput(
                        chunk.firstLineNo() + room,
                        chunk.lines().subList(room, chunk.lines().size())));
    }
}
