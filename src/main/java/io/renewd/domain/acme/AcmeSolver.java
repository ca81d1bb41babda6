package io.renewd.domain.acme;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * One entry of an acme issuer's {@code solvers}, like cert-manager's: how to prove control of
 * names (exactly one method member, e.g. {@code http01}), and which names it is for
 * ({@code selector}; none: every name). {@link SolverSelection} picks the most specific one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AcmeSolver(Http01 http01, Selector selector) {

    /** What an issuer without solvers uses. */
    public static final AcmeSolver HTTP01_FOR_ALL = new AcmeSolver(new Http01(), null);

    /** The method member that is set, or null when none is ({@link io.renewd.domain.IssuerRules} refuses that). */
    @JsonIgnore
    public ChallengeMethod method() {
        return http01;
    }

    /** How a solver proves control of a name: one record per ACME challenge type renewd answers. */
    public sealed interface ChallengeMethod permits Http01 {

        /** The challenge type as RFC 8555 names it. */
        String challengeType();

        /** Whether this method can prove {@code identifier} at all (HTTP-01 cannot prove wildcards, RFC 8555 section 7.1.3). */
        boolean proves(String identifier);
    }

    /** HTTP-01: renewd serves the key authorization on its challenge listener; no settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Http01() implements ChallengeMethod {
        @Override
        public String challengeType() {
            return "http-01";
        }

        @Override
        public boolean proves(String identifier) {
            return !identifier.startsWith("*.");
        }
    }

    /** Which names a solver is for: listed names exactly, or any name in (or under) a listed zone. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Selector(List<String> dnsNames, List<String> dnsZones) {
        public Selector {
            dnsNames = dnsNames == null ? null : List.copyOf(dnsNames);
            dnsZones = dnsZones == null ? null : List.copyOf(dnsZones);
        }
    }
}
