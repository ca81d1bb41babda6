package io.renewd.issuer.acme.dns01;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.renewd.store.AcmeDnsRecordEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The TXT values renewd added and has not removed yet, in the database so that any replica (or a
 * later run after a crash) removes them. Each change commits at once: a row must exist before
 * the update is sent, and go only once the server confirmed the removal.
 */
@ApplicationScoped
class Dns01Records {

    /** Operators read last_error; the column holds this much. */
    private static final int MAX_ERROR = 1000;

    Optional<AcmeDnsRecordEntity> find(String orderUrl, String value) {
        return QuarkusTransaction.requiringNew().call(() -> AcmeDnsRecordEntity
                .<AcmeDnsRecordEntity>find("orderUrl = ?1 and txtValue = ?2", orderUrl, value).firstResultOptional());
    }

    AcmeDnsRecordEntity remember(AcmeDnsRecordEntity row) {
        return QuarkusTransaction.requiringNew().call(() -> {
            row.persist();
            return row;
        });
    }

    void confirm(long id) {
        QuarkusTransaction.requiringNew().run(() -> AcmeDnsRecordEntity.update("confirmed = true where id = ?1", id));
    }

    void forget(long id) {
        QuarkusTransaction.requiringNew().run(() -> AcmeDnsRecordEntity.delete("id", id));
    }

    /** The order is settled: its records are to be removed (now, and retried until removed). */
    List<AcmeDnsRecordEntity> markForRemoval(String orderUrl) {
        return QuarkusTransaction.requiringNew().call(() -> {
            AcmeDnsRecordEntity.update("remove = true where orderUrl = ?1", orderUrl);
            return AcmeDnsRecordEntity.<AcmeDnsRecordEntity>list("orderUrl", orderUrl);
        });
    }

    /** Records whose removal is due: their order is settled, or they outlived it. */
    List<AcmeDnsRecordEntity> due(Instant now, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> AcmeDnsRecordEntity.<AcmeDnsRecordEntity>find(
                "remove = true or expiresAt <= ?1 order by id", now).page(0, limit).list());
    }

    void failed(long id, String error) {
        String kept = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        QuarkusTransaction.requiringNew().run(() -> AcmeDnsRecordEntity.update("lastError = ?1 where id = ?2", kept, id));
    }
}
