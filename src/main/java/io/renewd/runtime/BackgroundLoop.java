package io.renewd.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One piece of background work of a process role (relay, mail sender, sweep, …), run on a thread
 * of its own: at start, every {@code interval} (work left by other replicas, retries, outages) and
 * whenever {@link #wake()} is called (a transaction of this process just committed work for it).
 * In a process without the role it does nothing. {@link #stop()}, on SIGTERM, lets the step in
 * hand finish ({@link ShutdownOrder#PATIENCE}) and starts nothing new.
 *
 * <p>The CDI side stays with the owner, one line each: start on {@code StartupEvent}, {@link #wake()}
 * from an observer {@code during = AFTER_SUCCESS}, {@link #stop()} on a {@code ShutdownEvent} with
 * priority {@link ShutdownOrder#WORK}.
 */
public final class BackgroundLoop {

    private final boolean active;
    private final Duration interval;
    private final WorkTrigger trigger;
    private final ScheduledExecutorService poller;
    /** {@link System#nanoTime()} of the pending {@link #wakeIn} run, if any. */
    private Long nextWakeAt;

    /**
     * @param worker   the thread's name, also in the log ({@code renewd-relay: shutting down})
     * @param active   whether this process runs the role the work belongs to
     * @param interval how often it runs without being woken
     * @param work     one run; long work checks {@link #stopping()} between steps
     */
    public BackgroundLoop(String worker, boolean active, Duration interval, Runnable work) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(worker + ": the interval must be positive, not " + interval);
        }
        this.active = active;
        this.interval = interval;
        this.trigger = new WorkTrigger(worker, work);
        this.poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(worker + "-poll").daemon().factory());
    }

    /** Runs now and every interval from now on, if this process runs the role. */
    public void start() {
        if (active) {
            poller.scheduleWithFixedDelay(trigger::request, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs as soon as the run in hand (if any) is over. */
    public void wake() {
        if (active) {
            trigger.request();
        }
    }

    /**
     * Runs once more after {@code delay}, when that comes before the next interval: work known to fall due then (a
     * parked order's next check) is not left waiting for the interval.
     */
    public void wakeIn(Duration delay) {
        if (!active || delay.compareTo(interval) >= 0) {
            return;
        }
        long due = System.nanoTime() + Math.max(0, delay.toNanos());
        synchronized (this) {
            // One pending wake at a time, the earliest: a busy renewer asks after every dispatch.
            if (nextWakeAt != null && nextWakeAt - due <= 0) {
                return;
            }
            nextWakeAt = due;
        }
        try {
            poller.schedule(() -> {
                synchronized (this) {
                    if (nextWakeAt != null && nextWakeAt == due) {
                        nextWakeAt = null;
                    }
                }
                trigger.request();
            }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping: nothing new starts.
        }
    }

    /** Whether {@link #stop()} was called: work of many steps stops between two. */
    public boolean stopping() {
        return trigger.stopping();
    }

    /** Lets the step in hand finish; nothing new starts. */
    public void stop() {
        poller.shutdownNow();
        if (active) {
            trigger.stop(ShutdownOrder.PATIENCE);
        }
    }
}
