package io.renewd.application.renewal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.renewd.application.bulk.FinishBulkReissue;
import io.renewd.runtime.BackgroundLoop;
import io.renewd.config.Role;
import io.renewd.config.ProcessRoles;
import io.renewd.config.RenewerConfig;
import io.renewd.issuer.CertificateIssuer;
import io.renewd.issuer.IssueResult;
import io.quarkus.runtime.ShutdownEvent;
import io.renewd.runtime.ShutdownOrder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The renewer: a dispatcher thread leases due operations in batches ({@link ClaimOperations}: fair, within each
 * issuer's limits) and hands them to a fixed pool of {@code renewd.renewer.concurrency} workers, each of which asks the
 * issuer and records the answer. The dispatcher runs right after an operation was opened in this process, every
 * {@code renewd.renewer.poll-interval} (retries, resumed orders, other replicas' work) and whenever a worker finishes
 * (the issuer it used may have room again). It claims no more than the workers can take soon: busy workers plus one
 * batch waiting.
 */
@ApplicationScoped
public class RenewalWorker {

    private static final Logger LOG = Logger.getLogger(RenewalWorker.class);
    private static final String NAME = "renewd-renewer";
    /** How often a dispatcher waiting for a free worker looks whether it is stopping. */
    private static final Duration WAIT_STEP = Duration.ofMillis(200);
    /** Attempts recorded in one transaction at most: a chunk's versions, events and audit entries. */
    private static final int MAX_CHUNK = 32;
    /** Attempts recorded in one transaction at least, when there are as many: fewer would leave a commit per attempt or two. */
    private static final int MIN_CHUNK = 4;

    private final ClaimOperations claims;
    private final PrepareAttempt prepare;
    private final RecordAttempt record;
    private final IssuerAdapters adapters;
    private final PauseIssuer pauseIssuer;
    private final FinishBulkReissue bulks;
    private final MeterRegistry registry;
    private final int batchSize;
    private final int concurrency;
    /** Workers that can use the CPU at once: Self and ca attempts are spread over this many. */
    private final int cpuWorkers;
    private final BackgroundLoop loop;
    private final ExecutorService workers;
    /** Claimed operations this process holds, running or waiting for a worker; at most the workers plus one batch. */
    private final Semaphore slots;
    private final int capacity;
    private volatile boolean stopping;

    RenewalWorker(ClaimOperations claims, PrepareAttempt prepare, RecordAttempt record, IssuerAdapters adapters, PauseIssuer pauseIssuer,
                  FinishBulkReissue bulks, ProcessRoles roles, RenewerConfig config, MeterRegistry registry) {
        this.claims = claims;
        this.prepare = prepare;
        this.record = record;
        this.adapters = adapters;
        this.pauseIssuer = pauseIssuer;
        this.bulks = bulks;
        this.registry = registry;
        this.batchSize = config.batchSize();
        this.concurrency = config.concurrency();
        this.capacity = config.concurrency() + config.batchSize();
        this.cpuWorkers = Math.max(1, Math.min(concurrency, Runtime.getRuntime().availableProcessors()));
        this.slots = new Semaphore(capacity);
        this.loop = new BackgroundLoop(NAME, roles.runs(Role.RENEWER), config.pollInterval(), this::dispatch);
        this.workers = Executors.newFixedThreadPool(config.concurrency(), Thread.ofPlatform().name(NAME + "-", 1).factory());
        registry.gauge("renewd.renewer.claimed", slots, s -> capacity - s.availablePermits());
    }

    void started(@Observes StartupEvent started) {
        loop.start();
    }

    void requested(@Observes(during = TransactionPhase.AFTER_SUCCESS) RenewalRequested requested) {
        wake();
    }

    /**
     * On SIGTERM: the dispatcher claims nothing more; attempts in flight finish and record their outcome; operations
     * claimed but not started are given back (or, if that fails, taken over when their lease runs out).
     */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        long deadline = System.nanoTime() + ShutdownOrder.PATIENCE.toNanos();
        stopping = true;
        loop.stop();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warnf("%s: attempts still running after %s; their operations are taken over when their lease runs out", NAME,
                        ShutdownOrder.PATIENCE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this process holds more claimed operations than its workers take at once: a mass renewal is queued here. */
    public boolean workingThroughABacklog() {
        return capacity - slots.availablePermits() > concurrency;
    }

    /**
     * Works through every operation due now and waits until the attempts are done; returns how many operations it
     * claimed. For tests (and their second renewer): the process's own dispatcher does not wait.
     */
    public int workThroughDue() {
        int total = 0;
        int claimed;
        do {
            claimed = dispatch();
            awaitIdle();
            total += claimed;
        } while (claimed > 0 && !stopping);
        return total;
    }

    /**
     * Claims due operations for free workers until fewer are due than asked for; returns how many it claimed. First ends
     * the bulk re-issues whose last operations ended at the same moment in two transactions (neither could see itself last).
     */
    private int dispatch() {
        bulks.finishSettled();
        int dispatched = 0;
        while (true) {
            int wanted = takeSlots();
            if (wanted == 0) {
                return dispatched;
            }
            List<ClaimOperations.Claim> claimed;
            try {
                claimed = claims.execute(wanted);
            } catch (RuntimeException e) {
                slots.release(wanted);
                throw e;
            }
            // Each claim keeps its slot until its worker is done.
            slots.release(wanted - claimed.size());
            for (List<ClaimOperations.Claim> chunk : chunks(claimed)) {
                try {
                    workers.execute(() -> work(chunk));
                } catch (RejectedExecutionException e) {
                    // Stopping: given back for another renewer.
                    slots.release(chunk.size());
                    chunk.forEach(claims::release);
                }
            }
            dispatched += claimed.size();
            if (claimed.size() < wanted) {
                // Nothing more due now: look again when the next one falls due, if that comes before the next poll.
                claims.untilNextDue().ifPresent(loop::wakeIn);
                return dispatched;
            }
        }
    }

    /**
     * Waits until enough slots are free, then takes up to a batch of them; 0 when stopping. Enough is half a batch (at least a
     * worker's worth): while fewer are free, more than half a batch waits in the process for the workers, and claiming a few at
     * a time would cost a sort of every due operation per few attempts and make chunks of one.
     */
    private int takeSlots() {
        int enough = Math.max(Math.min(batchSize, concurrency), batchSize / 2);
        synchronized (slots) {
            while (slots.availablePermits() < enough && !stopping) {
                try {
                    slots.wait(WAIT_STEP.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
            }
        }
        if (stopping) {
            return 0;
        }
        int taken = slots.drainPermits();
        int wanted = Math.min(taken, batchSize);
        slots.release(taken - wanted);
        return wanted;
    }

    /**
     * Attempts at issuers that answer at once (Self, {@code ca}) are worked in chunks spread over the cores, two transactions
     * per chunk instead of two per attempt; each attempt that waits on a CA is a chunk of its own, so a slow CA delays no other.
     */
    private List<List<ClaimOperations.Claim>> chunks(List<ClaimOperations.Claim> claimed) {
        List<List<ClaimOperations.Claim>> chunks = new ArrayList<>();
        List<ClaimOperations.Claim> atOnce = new ArrayList<>();
        for (ClaimOperations.Claim claim : claimed) {
            if (claim.waitsOnCa()) {
                chunks.add(List.of(claim));
            } else {
                atOnce.add(claim);
            }
        }
        // Spread over as many workers as there are cores, not over every worker: these attempts use the CPU, so more workers than
        // cores only make smaller chunks, each with its own two transactions and commits.
        int size = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, (atOnce.size() + cpuWorkers - 1) / cpuWorkers));
        for (int from = 0; from < atOnce.size(); from += size) {
            chunks.add(List.copyOf(atOnce.subList(from, Math.min(atOnce.size(), from + size))));
        }
        return chunks;
    }

    private void work(List<ClaimOperations.Claim> chunk) {
        try {
            if (stopping) {
                chunk.forEach(claims::release);
            } else if (chunk.size() == 1) {
                attemptAlone(chunk.getFirst());
            } else {
                attemptTogether(chunk);
            }
        } finally {
            slots.release(chunk.size());
            synchronized (slots) {
                slots.notifyAll();
            }
            wake();
        }
    }

    private void awaitIdle() {
        synchronized (slots) {
            while (slots.availablePermits() < capacity) {
                try {
                    slots.wait(WAIT_STEP.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void wake() {
        if (!stopping) {
            loop.wake();
        }
    }

    private void attemptAlone(ClaimOperations.Claim claim) {
        try {
            if (prepare.execute(claim) instanceof PrepareAttempt.Attempt attempt) {
                Timer.Sample sample = Timer.start(registry);
                IssueResult result = issue(attempt);
                finished(attempt, result, record.execute(claim, attempt, result), sample);
            }
        } catch (RuntimeException e) {
            // One operation that cannot be prepared or recorded must not hold up the others.
            LOG.errorf(e, "the renewal of certificate %d (request %s) could not be attempted; it is taken up again when its lease runs out",
                    claim.certificateId(), claim.requestId());
        }
    }

    /** A chunk: prepared in one transaction, issued one by one, recorded in one transaction; if either fails, one by one. */
    private void attemptTogether(List<ClaimOperations.Claim> chunk) {
        Timer.Sample sample = Timer.start(registry);
        List<RecordAttempt.Answer> answers = new ArrayList<>();
        try {
            List<PrepareAttempt.Prepared> prepared = prepare.executeAll(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                if (prepared.get(i) instanceof PrepareAttempt.Attempt attempt) {
                    answers.add(new RecordAttempt.Answer(chunk.get(i), attempt, issue(attempt)));
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "%d renewals could not be prepared together; trying them one by one", chunk.size());
            chunk.forEach(this::attemptAlone);
            return;
        }
        List<RecordAttempt.Outcome> outcomes;
        try {
            outcomes = record.executeAll(answers);
        } catch (RuntimeException e) {
            LOG.warnf(e, "%d renewals could not be recorded together; trying them one by one", answers.size());
            answers.forEach(answer -> attemptAlone(answer.claim()));
            return;
        }
        for (int i = 0; i < answers.size(); i++) {
            finished(answers.get(i).attempt(), answers.get(i).result(), outcomes.get(i), sample);
        }
    }

    private IssueResult issue(PrepareAttempt.Attempt attempt) {
        MDC.put("certificate", attempt.request().vault() + "/" + attempt.request().name());
        try {
            return attempt.refused().map(IssueResult.class::cast).orElseGet(() -> call(attempt));
        } finally {
            MDC.remove("certificate");
        }
    }

    private void finished(PrepareAttempt.Attempt attempt, IssueResult result, RecordAttempt.Outcome outcome, Timer.Sample sample) {
        String issuer = attempt.provider();
        sample.stop(registry.timer("renewd.renewal.duration", "issuer", issuer, "outcome", outcome.name().toLowerCase()));
        registry.counter("renewd.renewals", "issuer", issuer, "outcome", outcome.name().toLowerCase()).increment();
        if (outcome == RecordAttempt.Outcome.FAILED && result instanceof IssueResult.Failed failed && attempt.request().provider().isPresent()) {
            failed.pause().ifPresent(pause -> pauseIssuer.execute(attempt.request().vault(), attempt.request().issuerName(), issuer, pause,
                    failed.message()));
        }
        if (result instanceof IssueResult.Failed failed && outcome == RecordAttempt.Outcome.FAILED) {
            LOG.warnf("renewal of %s/%s through issuer '%s' failed (%s): %s", attempt.request().vault(), attempt.request().name(),
                    attempt.request().issuerName(), failed.code(), failed.message());
        } else if (outcome == RecordAttempt.Outcome.ISSUED) {
            LOG.infof("%s/%s has a new version from issuer '%s'", attempt.request().vault(), attempt.request().name(), attempt.request().issuerName());
        }
    }

    private IssueResult call(PrepareAttempt.Attempt attempt) {
        Optional<CertificateIssuer> adapter = adapters.forProvider(attempt.provider());
        if (adapter.isEmpty()) {
            return new IssueResult.Failed(PrepareAttempt.ISSUER_NOT_SUPPORTED, "no issuer adapter for provider '" + attempt.provider() + "'", false, Optional.empty());
        }
        try {
            return adapter.get().issue(attempt.request());
        } catch (RuntimeException e) {
            // An adapter bug must not stop the renewer: the attempt fails and is retried like any other failure.
            LOG.errorf(e, "issuer adapter '%s' failed unexpectedly", attempt.provider());
            return new IssueResult.Failed("IssuerError", "the issuer adapter failed: " + e.getClass().getSimpleName(), true, Optional.empty());
        }
    }
}
