package io.renewd.application.renewal;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A CA's rate limit (429 with Retry-After) pauses that issuer, in the database: no replica claims its operations before
 * the CA's time, other issuers go on. The operations that would have been tried meanwhile say so in their status_details.
 */
@ApplicationScoped
public class PauseIssuer {

    private static final Logger LOG = Logger.getLogger(PauseIssuer.class);

    private final EntityManager entityManager;
    private final MeterRegistry registry;
    private final Clock clock;

    PauseIssuer(EntityManager entityManager, MeterRegistry registry, Clock clock) {
        this.entityManager = entityManager;
        this.registry = registry;
        this.clock = clock;
    }

    /** Pauses issuer {@code issuer} of {@code vault} for {@code pause}, unless it is paused longer already. */
    @Transactional
    public void execute(String vault, String issuer, String provider, Duration pause, String why) {
        Instant now = clock.instant();
        Instant until = now.plus(pause);
        String reason = "rate limited by the CA: " + why;
        int paused = entityManager.createNativeQuery("""
                        update certificate_issuer set paused_until = ?1, pause_reason = ?2
                        where vault = ?3 and lower(name) = lower(?4) and (paused_until is null or paused_until < ?1)""")
                .setParameter(1, until).setParameter(2, reason).setParameter(3, vault).setParameter(4, issuer).executeUpdate();
        if (paused == 0) {
            return;
        }
        entityManager.createNativeQuery("""
                        update certificate_operation o set status_details = ?1
                        from certificate c
                        where c.id = o.certificate_id and c.vault = ?2 and lower(o.issuer_name) = lower(?3) and o.status = 'inProgress'
                          and o.next_attempt_at < ?4 and (o.lease_until is null or o.lease_until < ?5)""")
                .setParameter(1, "waiting: issuer '" + issuer + "' is paused until " + until + " (" + reason + ")")
                .setParameter(2, vault).setParameter(3, issuer).setParameter(4, until).setParameter(5, now).executeUpdate();
        registry.counter("renewd.issuer.pauses", "issuer", provider).increment();
        LOG.warnf("issuer '%s' of vault '%s' is paused until %s: %s", issuer, vault, until, reason);
    }
}
