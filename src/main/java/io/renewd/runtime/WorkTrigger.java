package io.renewd.runtime;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one piece of background work on a thread of its own whenever it is asked to: requests
 * made while it runs lead to one more run, not one each, and never to two runs at once.
 */
public final class WorkTrigger {

    private static final Logger LOG = Logger.getLogger(WorkTrigger.class);

    private final String name;
    private final Runnable work;
    private final ExecutorService thread;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean queued = new AtomicBoolean();

    public WorkTrigger(String name, Runnable work) {
        this.name = name;
        this.work = work;
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name).factory());
    }

    public void request() {
        requested.set(true);
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // Stopping: the work waits in the database for the next start or another replica.
            }
        }
    }

    /** Whether {@link #stop()} was called: long work checks it between steps. */
    public boolean stopping() {
        return thread.isShutdown();
    }

    /** Lets a running step finish (waiting up to {@code patience}); queued runs are dropped. */
    public void stop(Duration patience) {
        thread.shutdown();
        LOG.infof("%s: shutting down; the step in hand finishes, nothing new starts", name);
        try {
            if (!thread.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%s did not finish within %s; its work is taken over after a restart", name, patience);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        queued.set(false);
        if (requested.getAndSet(false)) {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s failed; it runs again at its next interval", name);
            }
        }
    }
}
