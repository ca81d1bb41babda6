package io.renewd.issuer.acme;

import io.renewd.config.AcmeConfig;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.acme.AcmeSolver;
import io.renewd.domain.acme.SolverSelection;
import io.renewd.issuer.acme.dns01.Dns01Solver;
import io.renewd.issuer.acme.http01.Http01Solver;
import io.renewd.issuer.acme.solver.ChallengeFailure;
import io.renewd.issuer.acme.solver.ChallengeSolver;
import io.renewd.issuer.acme.solver.ChallengeTarget;
import io.renewd.issuer.acme.solver.Readiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers an order's pending authorizations, each with the issuer's solver for its name
 * ({@link SolverSelection}): the solver presents the answer, and the CA is asked to validate once
 * the solver says the CA can see it. Once the order is settled every solver removes what it presented.
 */
@ApplicationScoped
class Authorizations {

    private final Http01Solver http01;
    private final Dns01Solver dns01;
    private final AcmeConfig config;
    private final Clock clock;

    Authorizations(Http01Solver http01, Dns01Solver dns01, AcmeConfig config, Clock clock) {
        this.http01 = http01;
        this.dns01 = dns01;
        this.config = config;
        this.clock = clock;
    }

    /** Moves every pending authorization forward; answers why some wait (an answer the CA cannot see yet), if any do. */
    Optional<String> answer(Order order, IssuerProvider.Acme acme) throws AcmeException {
        // Kept by renewd's own clock: the CA's expiry times come from a clock that may differ from ours.
        Instant expiry = clock.instant().plus(AcmeOrders.DEFAULT_LIFETIME);
        List<String> waiting = new ArrayList<>();
        for (Authorization authorization : authorizations(order)) {
            authorization.fetch();
            if (authorization.getStatus() != Status.PENDING) {
                continue;
            }
            var target = new ChallengeTarget(authorization.getIdentifier().getValue(), authorization.isWildcard(),
                    order.getLocation().toString(), expiry);
            AcmeSolver solver = switch (SolverSelection.choose(acme.effectiveSolvers(), target.orderedName())) {
                case SolverSelection.Choice.Chosen chosen -> chosen.solver();
                case SolverSelection.Choice.NoneApplies none -> throw AcmeRefusal.rejected(none.why());
            };
            Readiness readiness;
            try {
                readiness = switch (solver.method()) {
                    case AcmeSolver.Http01 method -> answer(http01, method, authorization, target);
                    case AcmeSolver.Dns01 method -> answer(dns01, method, authorization, target);
                };
            } catch (ChallengeFailure failure) {
                // The attempt ends here: nothing presented for the order may stay behind.
                settled(order);
                throw switch (failure.kind()) {
                    case UNAVAILABLE -> AcmeRefusal.unavailable(failure.getMessage());
                    case MISCONFIGURED -> AcmeRefusal.misconfigured(failure.getMessage());
                };
            }
            if (readiness instanceof Readiness.Waiting(String why)) {
                waiting.add(why);
            }
        }
        return waiting.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", waiting));
    }

    private <M extends AcmeSolver.ChallengeMethod, C extends Challenge> Readiness answer(ChallengeSolver<M, C> solver, M method,
                                                                                      Authorization authorization, ChallengeTarget target)
            throws AcmeException {
        C challenge = authorization.findChallenge(solver.challengeType()).orElseThrow(() -> AcmeRefusal.rejected("the CA offers no "
                + method.challengeType() + " challenge for " + target.orderedName() + ", the challenge of the issuer's solver for that name"));
        // Already triggered (processing) or decided: only the CA acts now.
        if (challenge.getStatus() != Status.PENDING) {
            return Readiness.READY;
        }
        solver.present(method, challenge, target);
        Readiness readiness = solver.ready(method, challenge, target);
        if (readiness instanceof Readiness.Ready) {
            trigger(challenge);
        }
        return readiness;
    }

    /**
     * Asks the CA to validate. A CA may still show a challenge this call triggered earlier as pending and then refuse
     * the second trigger because it validated meanwhile: that is no failure, only a challenge that is still pending is.
     */
    private static void trigger(Challenge challenge) throws AcmeException {
        try {
            challenge.trigger();
        } catch (AcmeServerException e) {
            challenge.fetch();
            if (challenge.getStatus() == Status.PENDING) {
                throw e;
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

    /** The order is ready, valid or over: none of its challenges needs an answer any more. */
    void settled(Order order) {
        http01.cleanUp(order.getLocation().toString());
        dns01.cleanUp(order.getLocation().toString());
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
