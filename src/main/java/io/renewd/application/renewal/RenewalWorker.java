package io.renewd.application.renewal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.renewd.runtime.WorkTrigger;
import io.renewd.config.Role;
import io.renewd.config.ProcessRoles;
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

import java.util.List;
import java.util.Optional;

/**
 * The renewer's worker: leases the pending operations that are due, asks their issuer, records
 * the answer. Runs on its own thread, right after an operation was opened in this process and
 * every {@code renewd.renewer.poll-interval} (retries, resumed orders, other replicas' work).
 */
@ApplicationScoped
public class RenewalWorker {

    private static final Logger LOG = Logger.getLogger(RenewalWorker.class);

    private final ClaimOperations claims;
    private final PrepareAttempt prepare;
    private final RecordAttempt record;
    private final IssuerAdapters adapters;
    private final ProcessRoles roles;
    private final MeterRegistry registry;
    private final WorkTrigger trigger = new WorkTrigger("renewd-renewer", this::workThroughDue);

    RenewalWorker(ClaimOperations claims, PrepareAttempt prepare, RecordAttempt record, IssuerAdapters adapters, ProcessRoles roles,
                  MeterRegistry registry) {
        this.claims = claims;
        this.prepare = prepare;
        this.record = record;
        this.adapters = adapters;
        this.roles = roles;
        this.registry = registry;
    }

    void started(@Observes StartupEvent started) {
        if (roles.runs(Role.RENEWER)) {
            trigger.request();
        }
    }

    void requested(@Observes(during = TransactionPhase.AFTER_SUCCESS) RenewalRequested requested) {
        if (roles.runs(Role.RENEWER)) {
            trigger.request();
        }
    }

    @Scheduled(every = "${renewd.renewer.poll-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (roles.runs(Role.RENEWER)) {
            trigger.request();
        }
    }

    /** On SIGTERM: the attempt in flight finishes and records its outcome; leased operations not started yet are taken over when their lease runs out. */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        trigger.stop(ShutdownOrder.PATIENCE);
    }

    /** Works through every operation due now; returns how many attempts it made. Runs on the worker's thread, or a test's. */
    public int workThroughDue() {
        int attempts = 0;
        List<ClaimOperations.Claim> claimed;
        do {
            claimed = claims.execute();
            for (ClaimOperations.Claim claim : claimed) {
                if (trigger.stopping()) {
                    return attempts;
                }
                try {
                    attempt(claim);
                } catch (RuntimeException e) {
                    // One operation that cannot be prepared or recorded must not hold up the others of the batch.
                    LOG.errorf(e, "the renewal of certificate %d (request %s) could not be attempted; it is taken up again when its lease runs out",
                            claim.certificateId(), claim.requestId());
                }
                attempts++;
            }
        } while (!claimed.isEmpty());
        return attempts;
    }

    private void attempt(ClaimOperations.Claim claim) {
        if (!(prepare.execute(claim) instanceof PrepareAttempt.Attempt attempt)) {
            return;
        }
        MDC.put("certificate", attempt.request().vault() + "/" + attempt.request().name());
        try {
            issueAndRecord(claim, attempt);
        } finally {
            MDC.remove("certificate");
        }
    }

    private void issueAndRecord(ClaimOperations.Claim claim, PrepareAttempt.Attempt attempt) {
        Timer.Sample sample = Timer.start(registry);
        IssueResult result = attempt.refused().map(IssueResult.class::cast).orElseGet(() -> call(attempt));
        RecordAttempt.Outcome outcome = record.execute(claim, attempt, result);
        String issuer = attempt.provider();
        sample.stop(registry.timer("renewd.renewal.duration", "issuer", issuer, "outcome", outcome.name().toLowerCase()));
        registry.counter("renewd.renewals", "issuer", issuer, "outcome", outcome.name().toLowerCase()).increment();
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
            return new IssueResult.Failed("IssuerNotSupported", "no issuer adapter for provider '" + attempt.provider() + "'", false, Optional.empty());
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
