package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.workflow.deploy.BuildOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects output lines from the builder's thread and hands them out in numbered batches to the
 * activity's thread. A batch leaves the buffer only once it was delivered, so a failed signal is
 * retried with the same numbers; numbers start at 1 in every attempt, so a retried activity's
 * re-sent lines land on the same numbers (the workflow keeps the first copy of each).
 */
public final class BuildOutputBuffer {
    private final int maxLinesPerBatch;
    private final int maxLineLength;
    private final int maxLines;
    private final List<String> pending = new ArrayList<>();
    private int nextLineNo = 1;
    private int accepted;
    private boolean truncated;

    public BuildOutputBuffer(int maxLinesPerBatch, int maxLineLength, int maxLines) {
        this.maxLinesPerBatch = maxLinesPerBatch;
        this.maxLineLength = maxLineLength;
        this.maxLines = maxLines;
    }

    public synchronized void add(String line) {
        if (accepted >= maxLines) {
            if (!truncated) {
                truncated = true;
                pending.add("… build output truncated after " + maxLines + " lines");
            }
            return;
        }
        accepted++;
        pending.add(line.length() > maxLineLength ? line.substring(0, maxLineLength) + "…" : line);
    }

    /** The oldest undelivered lines, up to a batch; empty when everything was delivered. */
    public synchronized Optional<BuildOutput> nextBatch() {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        int size = Math.min(maxLinesPerBatch, pending.size());
        return Optional.of(new BuildOutput(nextLineNo, pending.subList(0, size)));
    }

    /** Whether more lines are pending than one batch holds. */
    public synchronized boolean hasMoreThanOneBatch() {
        return pending.size() > maxLinesPerBatch;
    }

    /** The next batch, counted as delivered: for a caller that hands it over itself. */
    public synchronized Optional<BuildOutput> takeBatch() {
        Optional<BuildOutput> batch = nextBatch();
        batch.ifPresent(this::delivered);
        return batch;
    }

    /** Drops a batch from {@link #nextBatch()} once it was delivered. */
    public synchronized void delivered(BuildOutput batch) {
        if (batch.firstLineNo() != nextLineNo) {
            throw new IllegalStateException("batches must be delivered in order");
        }
        pending.subList(0, batch.lines().size()).clear();
        nextLineNo += batch.lines().size();
    }

    /** How many lines were accepted so far (for heartbeat details). */
    public synchronized int linesSeen() {
        return accepted;
    }
}
