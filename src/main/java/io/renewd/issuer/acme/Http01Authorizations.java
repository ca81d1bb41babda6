package io.renewd.issuer.acme;

import io.renewd.config.AcmeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Answers an order's authorizations with HTTP-01, the one challenge renewd serves: stores a
 * pending challenge's key authorization (see {@link AcmeChallenges}) before asking the CA to
 * validate it, and stops serving it once its authorization is valid or invalid.
 */
@ApplicationScoped
class Http01Authorizations {

    private final AcmeChallenges challenges;
    private final AcmeConfig config;
    private final Clock clock;

    Http01Authorizations(AcmeChallenges challenges, AcmeConfig config, Clock clock) {
        this.challenges = challenges;
        this.config = config;
        this.clock = clock;
    }

    /** Moves every authorization of a pending order forward; validation is then up to the CA. */
    void answer(Order order) throws AcmeException {
        // Kept by renewd's own clock: the CA's expiry times come from a clock that may differ from ours.
        Instant expiry = clock.instant().plus(AcmeOrders.DEFAULT_LIFETIME);
        for (Authorization authorization : authorizations(order)) {
            authorization.fetch();
            Optional<Http01Challenge> challenge = authorization.findChallenge(Http01Challenge.class);
            if (authorization.getStatus() != Status.PENDING) {
                challenge.ifPresent(settled -> challenges.forget(settled.getToken()));
                continue;
            }
            Http01Challenge http01 = challenge.orElseThrow(() -> AcmeRefusal.rejected("the CA offers no http-01 challenge for "
                    + authorization.getIdentifier().getValue() + "; renewd proves control of names with http-01 only"));
            // Already triggered (processing) or decided: only the CA acts now.
            if (http01.getStatus() == Status.PENDING) {
                challenges.remember(http01.getToken(), http01.getAuthorization(), order.getLocation().toString(),
                        authorization.getIdentifier().getValue(), expiry);
                http01.trigger();
            }
        }
    }

    /** The order's authorizations, unless the CA sent more than renewd works on in one attempt (each costs a request). */
    private List<Authorization> authorizations(Order order) {
        List<Authorization> authorizations = order.getAuthorizations();
        if (authorizations.size() > config.maxAuthorizations()) {
            throw AcmeRefusal.limit("the ACME order " + order.getLocation() + " has " + authorizations.size()
                    + " authorizations, more than renewd works on for one order (" + config.maxAuthorizations()
                    + ", renewd.acme.max-authorizations)");
        }
        return authorizations;
    }

    /** The order is settled or ready: none of its challenges needs answering any more. */
    void settled(Order order) {
        challenges.forgetOrder(order.getLocation().toString());
    }

    /** The CA's reason for an invalid order, when the order does not give one: the first failed challenge's. */
    Optional<Problem> failedChallenge(Order order) throws AcmeException {
        for (Authorization authorization : authorizations(order)) {
            authorization.fetch();
            if (authorization.getStatus() == Status.INVALID) {
                Optional<Problem> problem = authorization.getChallenges().stream()
                        .flatMap(c -> c.getError().stream()).findFirst();
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }
}
