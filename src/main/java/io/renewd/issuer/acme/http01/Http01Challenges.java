package io.renewd.issuer.acme.http01;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.renewd.store.AcmeChallengeEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The HTTP-01 key authorizations renewd serves, in the database so that whichever replica the
 * CA reaches answers. Each change commits at once (its own transaction): the CA must see a key
 * authorization before it is asked to validate.
 */
@ApplicationScoped
class Http01Challenges {

    private final Clock clock;

    Http01Challenges(Clock clock) {
        this.clock = clock;
    }

    /** Serves {@code keyAuthorization} for {@code token}, to requests for {@code identifier}, until {@code expiresAt}; also drops expired ones. */
    void remember(String token, String keyAuthorization, String orderUrl, String identifier, Instant expiresAt) {
        QuarkusTransaction.requiringNew().run(() -> {
            AcmeChallengeEntity.delete("expiresAt <= ?1", clock.instant());
            // Another replica resuming the same order may store the same token at the same moment.
            AcmeChallengeEntity.getEntityManager().createNativeQuery("""
                            insert into acme_challenge (token, key_authorization, order_url, identifier, expires_at) values (?1, ?2, ?3, ?4, ?5)
                            on conflict (token) do update set key_authorization = excluded.key_authorization,
                                order_url = excluded.order_url, identifier = excluded.identifier, expires_at = excluded.expires_at""")
                    .setParameter(1, token)
                    .setParameter(2, keyAuthorization)
                    .setParameter(3, orderUrl)
                    .setParameter(4, identifier)
                    .setParameter(5, expiresAt)
                    .executeUpdate();
        });
    }

    /**
     * The key authorization to answer for {@code token} to a request for {@code host} (its Host
     * header), unless unknown, expired, or the token proves another name: a token answers only for
     * the name its authorization is about, so no other name routed to renewd can be proved with it.
     */
    Optional<String> keyAuthorization(String token, String host) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> AcmeChallengeEntity.<AcmeChallengeEntity>findByIdOptional(token))
                .filter(row -> row.expiresAt.isAfter(now))
                .filter(row -> ChallengeHost.matches(host, row.identifier))
                .map(row -> row.keyAuthorization);
    }

    /** Stops serving every token of an order (all its authorizations are settled). */
    void forgetOrder(String orderUrl) {
        QuarkusTransaction.requiringNew().run(() -> AcmeChallengeEntity.delete("orderUrl", orderUrl));
    }
}
