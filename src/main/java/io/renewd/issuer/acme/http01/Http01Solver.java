package io.renewd.issuer.acme.http01;

import io.renewd.domain.acme.AcmeSolver;
import io.renewd.issuer.acme.solver.ChallengeSolver;
import io.renewd.issuer.acme.solver.ChallengeTarget;
import io.renewd.issuer.acme.solver.Readiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.shredzone.acme4j.challenge.Http01Challenge;

/**
 * HTTP-01 (RFC 8555 section 8.3): the key authorization is stored in the database and served by
 * {@link Http01Listener} from whichever replica the CA reaches, so it is visible as soon as it is stored.
 */
@ApplicationScoped
public class Http01Solver implements ChallengeSolver<AcmeSolver.Http01, Http01Challenge> {

    private final Http01Challenges challenges;

    Http01Solver(Http01Challenges challenges) {
        this.challenges = challenges;
    }

    @Override
    public Class<Http01Challenge> challengeType() {
        return Http01Challenge.class;
    }

    @Override
    public void present(AcmeSolver.Http01 method, Http01Challenge challenge, ChallengeTarget target) {
        challenges.remember(challenge.getToken(), challenge.getAuthorization(), target.orderUrl(), target.identifier(), target.expiresAt());
    }

    @Override
    public Readiness ready(AcmeSolver.Http01 method, Http01Challenge challenge, ChallengeTarget target) {
        return Readiness.READY;
    }

    @Override
    public void cleanUp(String orderUrl) {
        challenges.forgetOrder(orderUrl);
    }
}
