package ink.ml.deploy.deployer.worker.build;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-way switch shared by the activity thread, which notices a cancelled deployment on its
 * heartbeat, and the thread that runs the build, which registers how to stop what it runs (kill the
 * builder's process tree). Listeners registered after the switch run at once.
 */
public final class Cancellation {
    private final List<Runnable> listeners = new ArrayList<>();
    private boolean cancelled;

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /** Runs {@code listener} on cancellation, until the returned registration is closed. */
    public Registration onCancel(Runnable listener) {
        synchronized (this) {
            if (!cancelled) {
                listeners.add(listener);
                return () -> remove(listener);
            }
        }
        listener.run();
        return () -> {};
    }

    private synchronized void remove(Runnable listener) {
        listeners.remove(listener);
    }

    /** Ends a listener's registration; closing twice is harmless. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
