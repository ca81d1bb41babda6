package io.renewd.issuer.acme.solver;

import java.time.Instant;

/**
 * The name a challenge proves, and the order it belongs to.
 *
 * @param identifier the authorization's identifier (a DNS name, or an IP address)
 * @param wildcard   whether the order asks for {@code *.identifier}
 * @param orderUrl   the order's URL, under which a solver files what it presented
 * @param expiresAt  when presenting it makes no sense any more (renewd's clock)
 */
public record ChallengeTarget(String identifier, boolean wildcard, String orderUrl, Instant expiresAt) {

    /** The name as the order asked for it: {@code *.example.com} for a wildcard authorization of {@code example.com}. */
    public String orderedName() {
        return wildcard ? "*." + identifier : identifier;
    }
}
