package io.renewd.issuer.acme.solver;

import io.renewd.domain.acme.AcmeSolver;
import org.shredzone.acme4j.challenge.Challenge;

/**
 * Proves control of one name to the CA with one challenge type: makes the challenge's answer
 * visible, says when the CA can see it, and removes every answer of an order once the order is
 * settled (issued or failed). One implementation per package ({@code http01}, {@code dns01}).
 *
 * @param <M> the solver's settings, as the issuer's {@code solvers} entry gives them
 * @param <C> the acme4j challenge it answers
 */
public interface ChallengeSolver<M extends AcmeSolver.ChallengeMethod, C extends Challenge> {

    /** The acme4j type of the challenge it answers (found among those the CA offers). */
    Class<C> challengeType();

    /** Makes {@code challenge}'s answer visible for {@code target}; called again on a later attempt, so it must be idempotent. */
    void present(M method, C challenge, ChallengeTarget target);

    /** Whether the CA can see the answer now; the CA is asked to validate only then. */
    Readiness ready(M method, C challenge, ChallengeTarget target);

    /** Removes what it presented for the order (idempotent; what cannot be removed now is removed by a later call). */
    void cleanUp(String orderUrl);
}
